using EventFunctions.Contracts.Events;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using EventFunctions.Contracts;
using EventFunctions.Messaging;
using EventFunctions.Orders.Inventory;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.ReadSide.Versions;
using EventFunctions.Storage;

namespace EventFunctions.FaultTests.Infrastructure;

/// <summary>
/// What a fault scenario must leave behind, read from the tables and topics directly: every accepted order final;
/// every capture confirmed, or refunded exactly once (or its refund recorded as owed); stock conserved per sku; each
/// order in its own customer's list only; and how many dead letters and records per event the run left.
/// </summary>
public sealed class PipelineAudit(TableStorage tables, KafkaConnection kafka)
{
    /// <summary>The order views as the API reads them: from the view's active version.</summary>
    private readonly ViewTables versions = new(new TableViewVersionStore(tables), tables, TimeProvider.System, new ViewRebuildOptions());

    public TableOrderViews Views => field ??= new(versions, TimeProvider.System);

    public async Task WaitUntilFinalAsync(IReadOnlyList<PlacedOrder> orders, TimeSpan timeout)
    {
        var views = Views;
        var open = orders.Select(o => o.OrderId).ToHashSet();
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                var done = await Task.WhenAll(open.Select(async id => (id, view: await views.GetAsync(id, CancellationToken.None))));
                open.ExceptWith(done.Where(d => d.view?.IsComplete == true).Select(d => d.id));
                return open.Count == 0;
            }, timeout, "every order is final");
        }
        catch (TimeoutException e)
        {
            // Named when the wait ends, not when it starts: which orders are still open, and where each stands.
            var where = await Task.WhenAll(open.Take(10).Select(async id => $"{id} ({(await views.GetAsync(id, CancellationToken.None))?.Status.ToString() ?? "no view"})"));
            throw new TimeoutException($"{e.Message} {open.Count} of {orders.Count} are not: {string.Join(", ", where)}", e);
        }
    }

    public async Task<AuditReport> RunAsync(IReadOnlyList<PlacedOrder> orders, IReadOnlyDictionary<string, int> initialStock)
    {
        var problems = new List<string>();
        var views = Views;
        var byOrder = (await Task.WhenAll(orders.Select(async o => (Order: o, View: await views.GetAsync(o.OrderId, CancellationToken.None)))))
            .ToDictionary(x => x.Order.OrderId);
        var stuck = byOrder.Values.Where(x => x.View is not { IsComplete: true }).Select(x => x.Order.OrderId).ToList();
        problems.AddRange(stuck.Take(10).Select(id => $"{id} is not final: {byOrder[id].View?.Status.ToString() ?? "no view"}"));

        var doubles = await CheckPaymentsAsync(byOrder.ToDictionary(x => x.Key, x => x.Value.View), problems);
        await CheckStockAsync(orders, byOrder.ToDictionary(x => x.Key, x => x.Value.View), initialStock, problems);
        await CheckCustomerListsAsync(orders, problems);

        var reader = new TopicReader(kafka);
        var deadLetters = Topics.All.Sum(t => reader.ReadAll<byte[]?, byte[]?>(Topics.DeadLetterOf(t.Name)).Count);
        var recordsPerEvent = Topics.All.ToDictionary(t => t.Name, t =>
        {
            var records = reader.ReadAll<byte[]?, byte[]?>(t.Name);
            var events = records.Select(r => TopicReader.Header(r, CloudEventHeaders.Id)).Distinct().Count();
            return events == 0 ? 0 : (double)records.Count / events;
        });
        return new AuditReport(
            orders.Count,
            orders.Count - stuck.Count,
            stuck.Count,
            doubles,
            deadLetters,
            byOrder.Values.Where(x => x.View is not null).GroupBy(x => x.View!.Status).ToDictionary(g => g.Key, g => g.Count()),
            recordsPerEvent,
            problems);
    }

    /// <summary>Every capture at the gateway ends confirmed or refunded once (or its refund owed); nothing charged or refunded twice.</summary>
    private async Task<int> CheckPaymentsAsync(Dictionary<string, OrderView?> views, List<string> problems)
    {
        var captures = new Dictionary<string, List<string>>();
        var refunds = new Dictionary<string, int>();
        await foreach (var row in tables.Table(TableStorage.PaymentGateway).QueryAsync<TableEntity>())
        {
            if (JsonNode.Parse(row.GetString("Response")) is not JsonObject response) continue; // a closed key
            var request = JsonNode.Parse(row.GetString("Request"))!.AsObject();
            if (request["orderId"] is { } order && response["paymentId"] is { } payment && payment.GetValueKind() == System.Text.Json.JsonValueKind.String)
                (captures.TryGetValue(order.GetValue<string>(), out var list) ? list : captures[order.GetValue<string>()] = []).Add(payment.GetValue<string>());
            else if (request["paymentId"] is { } refunded && response["refundId"] is not null)
                refunds[refunded.GetValue<string>()] = refunds.GetValueOrDefault(refunded.GetValue<string>()) + 1;
        }
        var owed = new HashSet<string>();
        await foreach (var row in tables.Table(TableStorage.Payments).QueryAsync<TableEntity>(r => r.RowKey.CompareTo("") > 0))
            if (row.RowKey.EndsWith("|refund") && row.GetString("Status") == "failed") owed.Add(row.GetString("PaymentId"));

        var doubles = 0;
        foreach (var (orderId, payments) in captures)
        {
            if (payments.Count > 1) { doubles++; problems.Add($"{orderId} was captured {payments.Count} times"); }
            var payment = payments[0];
            var refunded = refunds.GetValueOrDefault(payment);
            if (refunded > 1) { doubles++; problems.Add($"{orderId} was refunded {refunded} times"); }
            var status = views.GetValueOrDefault(orderId)?.Status;
            var settled = status switch
            {
                OrderStatus.Confirmed => refunded == 0,
                OrderStatus.Cancelled => refunded == 1 || owed.Contains(payment),
                _ => false,
            };
            if (!settled) { doubles++; problems.Add($"{orderId}: captured, {refunded} refunds, view {status}"); }
        }
        foreach (var (orderId, view) in views.Where(v => v.Value?.Status is OrderStatus.Confirmed or OrderStatus.Cancelled))
            if (!captures.ContainsKey(orderId)) problems.Add($"{orderId} is {view!.Status} with no capture");
        return doubles;
    }

    /// <summary>Initial stock less what is left is exactly what the confirmed orders took, sku by sku.</summary>
    private async Task CheckStockAsync(IReadOnlyList<PlacedOrder> orders, Dictionary<string, OrderView?> views, IReadOnlyDictionary<string, int> initialStock, List<string> problems)
    {
        var taken = orders.Where(o => views[o.OrderId]?.Status == OrderStatus.Confirmed)
            .SelectMany(o => o.Lines).GroupBy(l => l.Sku!).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity!.Value));
        foreach (var (sku, initial) in initialStock)
        {
            var row = await tables.Table(TableStorage.Inventory).GetEntityAsync<TableEntity>(sku, TableInventory.ItemRowKey);
            var left = row.Value.GetInt32(TableInventory.AvailableProperty) ?? 0;
            if (initial - left != taken.GetValueOrDefault(sku))
                problems.Add($"stock of {sku} not conserved: {initial} - {left} left = {initial - left}, confirmed orders took {taken.GetValueOrDefault(sku)}");
        }
    }

    /// <summary>
    /// Each order is listed once, under the customer who placed it, and under no one else. The row of a placement that
    /// lost its order id to another body (Rejected, the id reused) lists nothing: the customer's list leaves it out.
    /// </summary>
    private async Task CheckCustomerListsAsync(IReadOnlyList<PlacedOrder> orders, List<string> problems)
    {
        var listed = new Dictionary<string, List<string>>();
        var active = await versions.ReadTableAsync(ReadModels.Orders, CancellationToken.None);
        await foreach (var row in active.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"RowKey ge {CustomerOrder.KeyPrefix} and RowKey lt {CustomerOrder.KeyPrefix[..^1] + "}"}")))
        {
            if (row.GetString(CustomerOrder.PlacementProperty) is { } placement
                && await Views.GetPlacementAsync(row.GetString("OrderId"), placement, CancellationToken.None) is { Status: OrderStatus.Rejected, Reason: OrderRejected.OrderIdReused })
                continue;
            var customer = row.RowKey.Split('|')[1];
            (listed.TryGetValue(row.GetString("OrderId"), out var list) ? list : listed[row.GetString("OrderId")] = []).Add(customer);
        }
        foreach (var order in orders)
        {
            var under = listed.GetValueOrDefault(order.OrderId) ?? [];
            if (under.Count != 1 || under[0] != order.CustomerId)
                problems.Add($"{order.OrderId} of {order.CustomerId} is listed under [{string.Join(", ", under)}]");
        }
    }
}

public sealed record AuditReport(
    int Orders,
    int Final,
    int Stuck,
    int DoubleEffects,
    int DeadLetters,
    IReadOnlyDictionary<OrderStatus, int> ByStatus,
    IReadOnlyDictionary<string, double> RecordsPerEvent,
    IReadOnlyList<string> Problems)
{
    public override string ToString() =>
        $"orders {Orders}, final {Final}, stuck {Stuck}, double effects {DoubleEffects}, dead letters {DeadLetters}; " +
        $"by status: {string.Join(", ", ByStatus.OrderBy(s => s.Key).Select(s => $"{s.Key} {s.Value}"))}; " +
        $"records per event: {string.Join(", ", RecordsPerEvent.Select(r => $"{r.Key} {r.Value:F2}"))}" +
        (Problems.Count == 0 ? "" : $"\nproblems:\n  {string.Join("\n  ", Problems.Take(20))}");
}
