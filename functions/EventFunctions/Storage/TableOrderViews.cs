using Azure.Data.Tables;
using EventFunctions.Contracts.Events;
using EventFunctions.Functions.ProjectOrderView;
using EventFunctions.Views;
using EventFunctions.Views.Versions;

namespace EventFunctions.Storage;

/// <summary>Reads an order's facts (one range query in its shard) and folds them into its view.</summary>
public sealed class TableOrderViews(ViewTables views) : IOrderViews
{
    /// <summary>The active version of the view: a switch or a rollback reaches the readers of every instance within the versions' TTL.</summary>
    private Task<TableClient> TableAsync(CancellationToken cancellationToken) => views.ReadTableAsync(ReadModels.Orders, cancellationToken);

    public async Task<OrderView?> GetAsync(string orderId, CancellationToken cancellationToken)
    {
        var facts = new List<IOrderEvent>();
        var table = await TableAsync(cancellationToken);
        await foreach (var row in table.QueryAsync<TableEntity>(FactsOf(orderId), select: [OrderFact.TypeProperty, OrderFact.DataProperty, OrderFact.SchemaVersionProperty], cancellationToken: cancellationToken))
            if (OrderFact.Read(row.GetString(OrderFact.TypeProperty), row.GetString(OrderFact.DataProperty), row.GetInt32(OrderFact.SchemaVersionProperty)) is { } fact)
                facts.Add(fact);
        return facts.Count == 0 ? null : OrderView.Fold(orderId, facts);
    }

    public async Task<IReadOnlyList<ProjectedEvent>> GetEventsAsync(string orderId, CancellationToken cancellationToken)
    {
        var events = new List<ProjectedEvent>();
        var table = await TableAsync(cancellationToken);
        await foreach (var row in table.QueryAsync<TableEntity>(FactsOf(orderId), cancellationToken: cancellationToken))
        {
            var type = row.GetString(OrderFact.TypeProperty);
            events.Add(new ProjectedEvent(
                row.GetString("EventId"), type,
                // Facts written before the timeline existed have no time or source: they sort first, from an unknown emitter.
                row.GetString(OrderFact.SourceProperty) ?? "", row.GetDateTimeOffset(OrderFact.TimeProperty) ?? DateTimeOffset.UnixEpoch,
                row.Timestamp, row.GetString(OrderFact.CausationIdProperty), OrderFact.Read(type, row.GetString(OrderFact.DataProperty), row.GetInt32(OrderFact.SchemaVersionProperty))));
        }
        return events;
    }

    /// <summary>Exactly the order's facts: '}' sorts right after '|'.</summary>
    private static string FactsOf(string orderId) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {OrderShard.Of(orderId)} and RowKey ge {orderId + OrderFact.RowKeyInfix} and RowKey lt {orderId + "|fact}"}");

    public async Task<IReadOnlyList<OrderView>> ListByCustomerAsync(string customerId, CancellationToken cancellationToken)
    {
        var orderIds = new List<string>();
        var prefix = CustomerOrder.RowKeyPrefix(customerId);
        // '}' sorts right after '|': the range holds exactly this customer's rows.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {CustomerOrder.PartitionOf(customerId)} and RowKey ge {prefix} and RowKey lt {customerId + "}"}");
        var table = await TableAsync(cancellationToken);
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["OrderId"], cancellationToken: cancellationToken))
            orderIds.Add(row.GetString("OrderId"));
        var views = await Task.WhenAll(orderIds.Select(id => GetAsync(id, cancellationToken)));
        return views.OfType<OrderView>().ToList();
    }
}
