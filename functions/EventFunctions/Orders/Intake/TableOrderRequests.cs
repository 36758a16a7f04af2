using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using EventFunctions.Processing.Lineage;
using EventFunctions.Storage;

namespace EventFunctions.Orders.Intake;

/// <summary>
/// The API's claims in their own table, one row per order id in the order's shard: inserted once, so two requests
/// racing for an id agree on the first; under load, in transactions of many (<see cref="InsertOnceBatches"/>). Claims never change, so those read once are remembered.
/// </summary>
public sealed class TableOrderRequests(TableStorage tables, TimeProvider clock) : IOrderRequests
{
    private const string FingerprintProperty = "Fingerprint";
    private const string DeferredProperty = "Deferred";
    private const int Remembered = 100_000;

    private readonly ConcurrentDictionary<string, string> known = new();

    private TableClient Table => tables.Table(TableStorage.OrderRequests);

    /// <summary>Claims arriving together share a transaction per shard.</summary>
    private readonly InsertOnceBatches claims = new(tables.Table(TableStorage.OrderRequests), StorageRoundTrips.Api);

    public async Task<OrderClaim> ClaimAsync(string orderId, OrderClaim claim, CancellationToken cancellationToken)
    {
        var row = new TableEntity(OrderShard.Of(orderId), orderId)
        {
            [FingerprintProperty] = claim.Fingerprint,
            ["At"] = clock.GetUtcNow(),
        };
        // Only a deferred claim says so: the API's claims, nearly all, keep their two properties.
        if (claim.Deferred) row[DeferredProperty] = true;
        var held = await claims.InsertAsync(row, cancellationToken);
        var holding = held is null ? claim : new OrderClaim(held.GetString(FingerprintProperty), held.GetBoolean(DeferredProperty) ?? false);
        Remember(orderId, holding.Fingerprint);
        return holding;
    }

    public async Task<IReadOnlyDictionary<string, string>> FindAsync(IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<string, string>();
        var unknown = orderIds.Where(id => !known.TryGetValue(id, out _)).Distinct().ToList();
        foreach (var id in orderIds) if (known.TryGetValue(id, out var fingerprint)) found[id] = fingerprint;

        var reads = unknown.GroupBy(OrderShard.Of).SelectMany(shard => shard.Chunk(TableLimits.RowKeysPerQuery).Select(chunk => (Shard: shard.Key, Keys: chunk)));
        await Task.WhenAll(reads.Select(async read =>
        {
            // A $select returns only what it names: the row key too, or the row would come back without it.
            foreach (var row in await TableRows.FindAsync(Table, read.Shard, read.Keys, ["RowKey", FingerprintProperty], cancellationToken))
                found[row.RowKey] = Remember(row.RowKey, row.GetString(FingerprintProperty));
        }));
        return found;
    }

    private string Remember(string orderId, string fingerprint)
    {
        if (known.Count >= Remembered) known.Clear();
        known[orderId] = fingerprint;
        return fingerprint;
    }
}
