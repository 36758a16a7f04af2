using EventFunctions.Contracts;

namespace EventFunctions.Storage;

/// <summary>
/// What Azure's Table Storage scalability targets allow at a measured cost: the orders/s one storage account and one
/// partition carry, from the entities each partition took (read or written) while <see cref="Orders"/> orders went
/// through. Partitions are grouped into kinds (an order shard of a table, a sku of a table, ...): an order's rows in
/// a table all go to its shard, but rows of other kinds (a sku's stock and sales, a customer's index, the gateway's
/// keys) pile up wherever the orders' skus or customers happen to be, and the hottest partition bounds the whole.
/// Pure: the same counts give the same figures.
/// </summary>
public sealed record StorageCapacity(int Orders, IReadOnlyList<PartitionKind> Kinds)
{
    /// <summary>An account's target: 20,000 transactions/s, each entity of a transaction or a query's answer one (1 KiB entities).</summary>
    public const double AccountEntitiesPerSecond = 20_000;

    /// <summary>A partition's target: 2,000 entities/s (1 KiB entities).</summary>
    public const double PartitionEntitiesPerSecond = 2_000;

    public static StorageCapacity Of(int orders, IReadOnlyDictionary<TablePartition, long> entities) => new(
        orders,
        entities.Where(p => p.Value > 0)
            .GroupBy(p => (p.Key.Table, Pattern: PatternOf(p.Key.Key)))
            .Select(kind =>
            {
                var hottest = kind.MaxBy(p => p.Value);
                return new PartitionKind(kind.Key.Table, kind.Key.Pattern, kind.Key.Pattern == ShardPattern, (double)kind.Sum(p => p.Value) / orders,
                    kind.Count(), hottest.Key.Key, (double)hottest.Value / orders);
            })
            .OrderByDescending(k => k.HottestPerOrder)
            .ToList());

    public double EntitiesPerOrder => Kinds.Sum(k => k.EntitiesPerOrder);

    public double AccountOrdersPerSecond => AccountEntitiesPerSecond / EntitiesPerOrder;

    /// <summary>The partition that took most per order as this load spread it: it bounds the whole at that spread.</summary>
    public PartitionKind? Hottest => Kinds.MaxBy(k => k.HottestPerOrder);

    /// <summary>The table whose shard takes most per order: its shards bound the orders hashed to each.</summary>
    public PartitionKind? HottestShard => Kinds.Where(k => k.IsOrderShard).MaxBy(k => k.EntitiesPerOrder);

    /// <summary>The other kind that would take most per order if one partition took all of it (one sku in every order).</summary>
    public PartitionKind? HottestOtherKind => Kinds.Where(k => !k.IsOrderShard).MaxBy(k => k.EntitiesPerOrder);

    public IEnumerable<string> Lines()
    {
        yield return $"Azure Table capacity at this cost (targets: {AccountEntitiesPerSecond:N0} entities/s per storage account, {PartitionEntitiesPerSecond:N0} per partition; each entity read or written counts):";
        if (Kinds.Count == 0)
        {
            yield return "  no Table requests measured";
            yield break;
        }
        yield return $"  one storage account:  {EntitiesPerOrder:F2} entities/order → {AccountOrdersPerSecond:N0} orders/s";
        if (HottestShard is { } shard)
            yield return $"  one order shard:      {shard.Table} takes {shard.EntitiesPerOrder:F2} entities/order in the order's shard → one shard partition carries {shard.OrdersPerSecondInOnePartition:N0} orders/s; " +
                         $"{Topics.Partitions} shards {Topics.Partitions * shard.OrdersPerSecondInOnePartition:N0} orders/s if order ids spread evenly";
        if (HottestOtherKind is { } other)
            yield return $"  hottest other kind:   {other.Table} {other.Pattern} takes {other.EntitiesPerOrder:F2} entities/order → {other.OrdersPerSecondInOnePartition:N0} orders/s if one partition took all of it " +
                         $"(a single hot {other.Pattern.TrimEnd('*', '-', '|')}); spread here over {other.Partitions}, its hottest ({other.HottestKey}) took {other.HottestPerOrder:F2} → {other.OrdersPerSecondAsSpread:N0} orders/s";
        if (Hottest is { } hottest)
            yield return $"  hottest partition:    {hottest.Table} {hottest.HottestKey}, {hottest.HottestPerOrder:F2} entities/order → {hottest.OrdersPerSecondAsSpread:N0} orders/s as this load spread its orders";
        yield return $"  {"table, partitions (how many)",-34} {"entities/order",14}   {"the hottest (entities/order)",-28} {"orders/s: as spread here",24} {"in one partition",17}";
        foreach (var kind in Kinds)
            yield return $"  {$"{kind.Table} {kind.Pattern} ({kind.Partitions})",-34} {kind.EntitiesPerOrder,14:F2}   {$"{kind.HottestKey} ({kind.HottestPerOrder:F2})",-28} {kind.OrdersPerSecondAsSpread,24:N0} {kind.OrdersPerSecondInOnePartition,17:N0}";
    }

    private const string ShardPattern = "shard-*";

    /// <summary>
    /// A partition key's kind: an order shard, else its text up to its last '-' or '|' (sku-007 → sku-*, customers-03 →
    /// customers-*, keys-a → keys-*); a key without one (views, attempts) is a kind of its own.
    /// </summary>
    public static string PatternOf(string key)
    {
        if (Enumerable.Range(0, Topics.Partitions).Any(p => OrderShard.OfPartition(p) == key)) return ShardPattern;
        var separator = key.LastIndexOfAny(['-', '|']);
        return separator < 0 ? key : key[..(separator + 1)] + "*";
    }
}

/// <summary>
/// The partitions of one kind in one table, and what they took per order: all of them together, and the hottest one.
/// </summary>
public sealed record PartitionKind(string Table, string Pattern, bool IsOrderShard, double EntitiesPerOrder, int Partitions, string HottestKey, double HottestPerOrder)
{
    /// <summary>What the hottest partition of the kind carries, the orders spread over the partitions as they were here.</summary>
    public double OrdersPerSecondAsSpread => StorageCapacity.PartitionEntitiesPerSecond / HottestPerOrder;

    /// <summary>
    /// What one partition carries if every order's rows of this kind go to it: for an order shard, the orders hashed to
    /// it (an order's rows in a table are all in its shard); for a sku, one sku in every order.
    /// </summary>
    public double OrdersPerSecondInOnePartition => StorageCapacity.PartitionEntitiesPerSecond / EntitiesPerOrder;
}
