using Azure.Data.Tables;
using EventFunctions.Contracts;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.ReadSide.Versions;
using EventFunctions.Storage;

namespace EventFunctions.Operations.Overdue;

/// <summary>
/// Finds the orders placed longer ago than the deadline and not yet ended: one range query per shard over its open
/// orders (<see cref="OpenOrder"/>), then each one's view, to say where it stands. Ended orders cost the scan nothing.
/// </summary>
public sealed class OverdueOrderScan(ViewTables viewTables, IOrderViews views, OperationsOptions options, TimeProvider clock)
{
    public TimeSpan Deadline => options.OrderDeadline;

    public async Task<IReadOnlyList<OverdueOrder>> FindAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var cutoff = now - options.OrderDeadline;
        var table = await viewTables.ReadTableAsync(ReadModels.Orders, cancellationToken);
        var open = new List<(string OrderId, DateTimeOffset PlacedAt)>();
        foreach (var shard in Enumerable.Range(0, Topics.Partitions).Select(OrderShard.OfPartition))
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {shard} and RowKey ge {OpenOrder.RowKeyPrefix} and RowKey lt {"open}"} and Open eq {true} and PlacedAt le {cutoff}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                open.Add((row.GetString("OrderId"), row.GetDateTimeOffset(OpenOrder.PlacedAtProperty) ?? cutoff));
        }

        var overdue = await Task.WhenAll(open.Select(async o =>
        {
            var view = await views.GetAsync(o.OrderId, cancellationToken);
            return view is null || view.IsComplete
                ? null
                : new OverdueOrder(o.OrderId, view.CustomerId, view.Status, view.Reason, StuckStep.Of(view), o.PlacedAt, now - o.PlacedAt);
        }));
        return overdue.OfType<OverdueOrder>().OrderBy(o => o.PlacedAt).ToList();
    }
}
