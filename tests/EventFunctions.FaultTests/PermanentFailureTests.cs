using System.Diagnostics;
using System.Net.Http.Json;
using Azure.Data.Tables;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.FaultTests.Infrastructure;
using EventFunctions.Functions.ProjectOrderView;
using EventFunctions.Http;
using EventFunctions.Messaging;
using EventFunctions.Storage;

namespace EventFunctions.FaultTests;

/// <summary>
/// Orders that fail for good at each function, mixed into a steady load: an OrderPlaced too large to store (ValidateOrder
/// and ProjectOrderView), an amount over the gateway's maximum (ProcessPayment), a sku whose stock level cannot be read
/// (ReserveStock), a card whose refund is refused (RefundPayment). Each ends final with its reason in seconds, the
/// orders around them flow on, and nothing is dead-lettered.
/// </summary>
[Trait("Category", "Faults")]
public sealed class PermanentFailureTests(ITestOutputHelper output) : FaultScenario(output)
{
    private const string Dear = "gold";
    private const string Unreadable = "unreadable";
    private static readonly TimeSpan InSeconds = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_permanent_failure_at_any_function_ends_its_order_final_in_seconds_and_blocks_nothing()
    {
        var host = await Bed.StartHostAsync();
        using var http = FaultBed.Client(host.BaseAddress);
        var stock = OrderLoad.Stock(200);
        await FaultBed.StockAsync(http, stock);
        await FaultBed.StockAsync(http, new Dictionary<string, int> { [Dear] = 100, [Unreadable] = 100 });
        (await http.PutAsJsonAsync($"api/inventory/{Dear}", new SetInventoryRequest(100, 600_000m))).EnsureSuccessStatusCode();
        // An operator's edit, or an older version's row: a stock level that is not a whole number.
        await Bed.Tables.Table(TableStorage.Inventory).UpsertEntityAsync(
            new TableEntity(Unreadable, TableInventory.ItemRowKey) { [TableInventory.AvailableProperty] = "plenty" }, TableUpdateMode.Merge);

        var load = new OrderLoad([host.BaseAddress], "steady").PlaceAsync(200, 40);
        var failing = new List<(PlacedOrder Order, OrderStatus Expected, string Reason)>();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < 3; i++)
        {
            failing.Add((await PlaceTooLargeOnKafkaAsync($"too-large-{i}"), OrderStatus.Rejected, "PropertyValueTooLarge"));
            failing.Add((await PlaceAsync(http, $"too-dear-{i}", "tok_visa", Dear, 2), OrderStatus.PaymentDeclined, "amount_too_large"));
            failing.Add((await PlaceAsync(http, $"unreadable-{i}", "tok_visa", Unreadable, 1), OrderStatus.Cancelled, "not a whole number"));
            failing.Add((await PlaceAsync(http, $"closed-card-{i}", "tok_refundFail", OrderLoad.ScarceSku, 1_000), OrderStatus.Cancelled, "refund failed: expired_or_canceled_card"));
        }

        await new PipelineAudit(Bed.Tables, Bed.Kafka).WaitUntilFinalAsync(failing.Select(f => f.Order).ToList(), InSeconds);
        var settledIn = clock.Elapsed;
        var placed = await load;
        await AuditAsync($"{failing.Count} orders failing for good settled within {settledIn.TotalSeconds:F1} s of the first, among {placed.Count} others",
            [.. placed, .. failing.Select(f => f.Order)], stock, TimeSpan.FromMinutes(3));

        var views = new TableOrderViews(Bed.Tables);
        foreach (var (order, expected, reason) in failing)
        {
            var view = (await views.GetAsync(order.OrderId, CancellationToken.None))!;
            Assert.True(expected == view.Status, $"{order.OrderId}: {view.Status}, {view.Reason}");
            Assert.Contains(reason, view.Reason);
        }
    }

    private static async Task<PlacedOrder> PlaceAsync(HttpClient http, string orderId, string token, string sku, int quantity)
    {
        var order = new PlacedOrder(orderId, "customer-odd", [new OrderLineRequest(sku, quantity)], token);
        (await http.PostAsJsonAsync("api/orders", new PlaceOrderRequest(orderId, order.CustomerId, order.Lines, token))).EnsureSuccessStatusCode();
        return order;
    }

    /// <summary>An OrderPlaced whose payment token is too large for a Table property, put on Kafka as the API would.</summary>
    private async Task<PlacedOrder> PlaceTooLargeOnKafkaAsync(string orderId)
    {
        var order = new PlacedOrder(orderId, "customer-odd", [new OrderLineRequest("sku-1", 1)], new string('t', 40_000));
        using var publisher = new KafkaEventPublisher(Bed.Kafka);
        var placed = new EventEnvelope(DeterministicId.For(OrdersApi.Emitter, orderId), "/eventfunctions/" + OrdersApi.Emitter, DateTimeOffset.UtcNow, null,
            new OrderPlaced(orderId, order.CustomerId, [new OrderLine("sku-1", 1)], order.PaymentToken));
        await publisher.PublishAsync([EventCodec.Encode(placed)], CancellationToken.None);
        return order;
    }
}
