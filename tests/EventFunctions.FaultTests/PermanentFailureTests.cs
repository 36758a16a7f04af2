using System.Diagnostics;
using System.Net.Http.Json;
using Azure.Data.Tables;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.FaultTests.Infrastructure;
using EventFunctions.Orders.Intake;
using EventFunctions.Orders.Inventory;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.Storage;

namespace EventFunctions.FaultTests;

/// <summary>
/// Orders that fail for good at each function, mixed into a steady load: a sku whose price cannot be read
/// (ValidateOrder), an amount over the gateway's maximum (ProcessPayment), a sku whose stock level cannot be read
/// (ReserveStock), a card whose refund is refused (RefundPayment), a fact storage refuses (ProjectOrderView, injected).
/// Each ends final with its reason in seconds, the orders around them flow on, and nothing is dead-lettered.
/// </summary>
[Trait("Category", "Faults")]
public sealed class PermanentFailureTests(ITestOutputHelper output) : FaultScenario(output)
{
    private const string Dear = "gold";
    private const string Unreadable = "unreadable";
    private const string Unpriced = "unpriced";
    private static readonly TimeSpan InSeconds = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_permanent_failure_at_any_function_ends_its_order_final_in_seconds_and_blocks_nothing()
    {
        var faults = new TableFaults();
        var host = await Bed.StartHostAsync(faults);
        using var http = FaultBed.Client(host.BaseAddress);
        var stock = OrderLoad.Stock(200);
        await FaultBed.StockAsync(http, stock);
        await FaultBed.StockAsync(http, new Dictionary<string, int> { [Dear] = 100, [Unreadable] = 100 });
        (await http.PutAsJsonAsync($"api/inventory/{Dear}", new SetInventoryRequest(100, 600_000m))).EnsureSuccessStatusCode();
        // An operator's edit, or an older version's row: a stock level that is not a whole number, a price that is not a number.
        await Bed.Tables.Table(TableStorage.Inventory).UpsertEntityAsync(
            new TableEntity(Unreadable, TableInventory.ItemRowKey) { [TableInventory.AvailableProperty] = "plenty" }, TableUpdateMode.Merge);
        // Written straight to the table, never through the host, whose catalogue would otherwise remember a good price.
        await Bed.Tables.Table(TableStorage.Inventory).UpsertEntityAsync(
            new TableEntity(Unpriced, TableInventory.ItemRowKey) { [TableInventory.AvailableProperty] = 100, [TableInventory.UnitPriceProperty] = "ask" });
        // Storage refuses, for good, to store these orders' facts as they are; a reduced fact (with its problem) it takes.
        using var refusal = faults.Inject(400, "InvalidInput", r => r.Touches(Bed.TablePrefix + TableStorage.OrderViews)
            && r.Body.Contains(PlacedFact.Data) && r.Body.Contains(OrderRow.KeyOf("unstorable-")) && !r.Body.Contains(PlacedFact.Problem));

        var load = new OrderLoad([host.BaseAddress], "steady").PlaceAsync(200, 40);
        var failing = new List<(PlacedOrder Order, OrderStatus Expected, string Reason)>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            failing.Add((await PlaceAsync(http, $"unpriced-{i}", "tok_visa", Unpriced, 1), OrderStatus.Rejected, "is not a number"));
            failing.Add((await PlaceAsync(http, $"unstorable-{i}", "tok_visa", "sku-1", 1), OrderStatus.Confirmed, ""));
            failing.Add((await PlaceAsync(http, $"too-dear-{i}", "tok_visa", Dear, 2), OrderStatus.PaymentDeclined, "amount_too_large"));
            failing.Add((await PlaceAsync(http, $"unreadable-{i}", "tok_visa", Unreadable, 1), OrderStatus.Cancelled, "not a whole number"));
            failing.Add((await PlaceAsync(http, $"closed-card-{i}", "tok_refundFail", OrderLoad.ScarceSku, 1_000), OrderStatus.Cancelled, "refund failed: expired_or_canceled_card"));
        }

        await new PipelineAudit(Bed.Tables, Bed.Kafka).WaitUntilFinalAsync(failing.Select(f => f.Order).ToList(), InSeconds);
        var settledIn = clock.Elapsed;
        var placed = await load;
        await AuditAsync($"{failing.Count} orders failing for good settled within {settledIn.TotalSeconds:F1} s of the first, among {placed.Count} others",
            [.. placed, .. failing.Select(f => f.Order)], stock, TimeSpan.FromMinutes(3));

        var views = new PipelineAudit(Bed.Tables, Bed.Kafka).Views;
        foreach (var (order, expected, reason) in failing)
        {
            var view = (await views.GetAsync(order.OrderId, CancellationToken.None))!;
            Assert.True(expected == view.Status, $"{order.OrderId}: {view.Status}, {view.Reason}");
            Assert.Contains(reason, view.Reason ?? "");
        }
        Assert.True(refusal.Hits >= 3, $"{refusal.Hits} facts refused");
        foreach (var (order, _, _) in failing.Where(f => f.Order.OrderId.StartsWith("unstorable-")))
        {
            var row = await Bed.Tables.Table(TableStorage.OrderViews).GetEntityAsync<TableEntity>(OrderShard.Of(order.OrderId), OrderRow.KeyOf(order.OrderId));
            Assert.Contains("InvalidInput", row.Value.GetString(PlacedFact.Problem));
        }
    }

    private static readonly OrderRow.FactProperties PlacedFact = OrderRow.FactProperties.Of(EventTypes.NameOf(typeof(OrderPlaced)));

    private static async Task<PlacedOrder> PlaceAsync(HttpClient http, string orderId, string token, string sku, int quantity)
    {
        var order = new PlacedOrder(orderId, "customer-odd", [new OrderLineRequest(sku, quantity)], token);
        (await http.PostAsJsonAsync("api/orders", new PlaceOrderRequest(orderId, order.CustomerId, order.Lines, token))).EnsureSuccessStatusCode();
        return order;
    }
}
