using Azure.Data.Tables;
using EventFunctions.Contracts;
using EventFunctions.ReadSide.Versions;
using EventFunctions.Storage;

namespace EventFunctions.ReadSide.OrderViews;

/// <summary>
/// The orders placed before a time and not yet ended, read from each shard's list of open orders
/// (<see cref="OpenOrder"/>) in the view's active version: one range query per shard, so ended orders cost nothing.
/// </summary>
public sealed class TableOpenOrders(ViewTables viewTables)
{
    public async Task<IReadOnlyList<(string OrderId, DateTimeOffset PlacedAt)>> PlacedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await viewTables.ReadTableAsync(ReadModels.Orders, cancellationToken);
        var open = new List<(string OrderId, DateTimeOffset PlacedAt)>();
        foreach (var shard in Enumerable.Range(0, Topics.Partitions).Select(OrderShard.OfPartition))
        {
            var filter = TableClient.CreateQueryFilter(
                $"PartitionKey eq {shard} and RowKey ge {OpenOrder.RowKeyPrefix} and RowKey lt {"open}"} and Open eq {true} and PlacedAt le {cutoff}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
                open.Add((row.GetString("OrderId"), row.GetDateTimeOffset(OpenOrder.PlacedAtProperty) ?? cutoff));
        }
        return open;
    }
}
