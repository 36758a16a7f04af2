using Azure.Data.Tables;
using EventFunctions.Contracts;
using EventFunctions.Storage;

namespace EventFunctions.ReadSide.OrderViews;

/// <summary>
/// The order view's layout before one row per order: a row per fact (<c>{order}|fact|{type}</c>) in the order's shard,
/// and the customer index in partitions of its own (<c>customers-NN</c>). Still read, so that a view written before
/// the upgrade serves until its rebuild (<c>./run.sh views rebuild orders</c>) has written it anew; nothing writes it.
/// Delete this file once every deployment has rebuilt its order view.
/// </summary>
internal static class LegacyOrderViewRows
{
    private const string FactInfix = "|fact|";
    private const string CustomersPartitionPrefix = "customers-";

    /// <summary>
    /// Whether the table holds rows of this layout: every order placed under it left a row in a customers partition.
    /// One query, asked once per table and process by <see cref="LegacyLayout"/>.
    /// </summary>
    public static async Task<bool> PresentAsync(TableClient table, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {CustomersPartitionPrefix} and PartitionKey lt {"customers."}");
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
            return true;
        return false;
    }

    public static async Task<List<StoredFact>> FactsAsync(TableClient table, string orderId, CancellationToken cancellationToken)
    {
        var facts = new List<StoredFact>();
        // '}' sorts right after '|': the range holds exactly the order's fact rows.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {OrderShard.Of(orderId)} and RowKey ge {orderId + FactInfix} and RowKey lt {orderId + "|fact}"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
            facts.Add(new StoredFact(
                row.GetString("Type"), row.GetString("EventId"), row.GetString("Data"), row.GetInt32("SchemaVersion"),
                // Facts written before the timeline existed have no time or source: they sort first, from an unknown emitter.
                row.GetString("Source") ?? "", row.GetDateTimeOffset("Time") ?? DateTimeOffset.UnixEpoch, row.Timestamp,
                row.GetString("CausationId"), row.GetString("Problem")));
        return facts;
    }

    public static async Task<List<string>> OrdersOfAsync(TableClient table, string customerId, CancellationToken cancellationToken)
    {
        var orderIds = new List<string>();
        var partition = CustomersPartitionPrefix + OrderShard.KafkaPartitionOf(customerId, Topics.Partitions).ToString("D2");
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {customerId + "|"} and RowKey lt {customerId + "}"}");
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["OrderId"], cancellationToken: cancellationToken))
            orderIds.Add(row.GetString("OrderId"));
        return orderIds;
    }
}
