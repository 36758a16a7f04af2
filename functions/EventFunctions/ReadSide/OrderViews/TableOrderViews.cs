using Azure.Data.Tables;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.ReadSide.Versions;
using EventFunctions.Storage;

namespace EventFunctions.ReadSide.OrderViews;

/// <summary>
/// Reads an order's row (one point read in its shard) and folds its facts into the view. A row without the order's
/// OrderPlaced may be one begun before the upgrade to this layout, in a table that still holds that layout: its
/// older facts are then read where they were written (<see cref="LegacyOrderViewRows"/>).
/// </summary>
public sealed class TableOrderViews(ViewTables views, TimeProvider clock) : IOrderViews
{
    private readonly LegacyLayout legacyLayout = new(LegacyOrderViewRows.PresentAsync, clock);

    private static readonly string PlacedType = EventTypes.NameOf(typeof(OrderPlaced));

    /// <summary>The active version of the view: a switch or a rollback reaches the readers of every instance within the versions' TTL.</summary>
    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => views.ReadTableAsync(ReadModels.Orders, cancellationToken);

    public async Task<OrderView?> GetAsync(string orderId, CancellationToken cancellationToken) =>
        Fold(orderId, OrderPlacements.OfOrder(await FactsAsync(await TableAsync(cancellationToken), orderId, cancellationToken)));

    public async Task<OrderView?> GetPlacementAsync(string orderId, string placementId, CancellationToken cancellationToken) =>
        Fold(orderId, OrderPlacements.OfPlacement(await FactsAsync(await TableAsync(cancellationToken), orderId, cancellationToken), placementId));

    public async Task<IReadOnlyList<ProjectedEvent>> GetEventsAsync(string orderId, CancellationToken cancellationToken) =>
        OrderPlacements.OfOrder(await FactsAsync(await TableAsync(cancellationToken), orderId, cancellationToken)).Select(f => f.Projected).ToList();

    private static OrderView? Fold(string orderId, IReadOnlyList<StoredFact> facts)
    {
        var events = facts.Select(f => f.Event).OfType<IOrderEvent>().ToList();
        return events.Count == 0 ? null : OrderView.Fold(orderId, events);
    }

    public async Task<IReadOnlyList<OrderView>> ListByCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken);
        var prefix = CustomerOrder.RowKeyPrefix(customerId);
        // '}' sorts right after '|': each shard's range holds exactly this customer's rows.
        var shards = Enumerable.Range(0, Topics.Partitions).Select(OrderShard.OfPartition).Select(async shard =>
        {
            var orderIds = new List<string>();
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {shard} and RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["OrderId"], cancellationToken: cancellationToken))
                orderIds.Add(row.GetString("OrderId"));
            return orderIds;
        });
        var legacy = await legacyLayout.PresentAsync(table, cancellationToken) ? LegacyOrderViewRows.OrdersOfAsync(table, customerId, cancellationToken) : Task.FromResult(new List<string>());
        var found = await Task.WhenAll([.. shards, legacy]);
        var orders = await Task.WhenAll(found.SelectMany(ids => ids).Distinct().Select(id => GetAsync(id, cancellationToken)));
        return orders.OfType<OrderView>().ToList();
    }

    private async Task<IReadOnlyList<StoredFact>> FactsAsync(TableClient table, string orderId, CancellationToken cancellationToken)
    {
        var row = await table.GetEntityIfExistsAsync<TableEntity>(OrderShard.Of(orderId), OrderRow.KeyOf(orderId), cancellationToken: cancellationToken);
        var facts = row.HasValue ? OrderRow.Facts(row.Value!) : [];
        if (facts.Any(f => f.Type == PlacedType) || !await legacyLayout.PresentAsync(table, cancellationToken)) return facts;
        var legacy = await LegacyOrderViewRows.FactsAsync(table, orderId, cancellationToken);
        return legacy.Count == 0 ? facts : [.. facts, .. legacy.Where(old => facts.All(f => f.Type != old.Type))];
    }
}
