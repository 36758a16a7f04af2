using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EventFunctions.FaultTests.Infrastructure;
using EventFunctions.Operations;
using EventFunctions.Orders.Intake;
using EventFunctions.Orders.Inventory;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.Storage;

namespace EventFunctions.FaultTests;

/// <summary>
/// The last resort and its way back: an order whose reservation storage refuses for good, and whose settlement it
/// refuses too, is dead-lettered; it shows as overdue, waiting on reserve-stock. Once the cause is fixed, an operator
/// lists the dead letter, sees what a redrive would do, redrives it, and the order completes; a second redrive changes
/// nothing.
/// </summary>
[Trait("Category", "Faults")]
public sealed class RedriveTests(ITestOutputHelper output) : FaultScenario(output)
{    private readonly TableFaults faults = new();

    [Fact]
    public async Task A_dead_letter_is_listed_overdue_and_redriven_once_its_cause_is_fixed_and_a_second_redrive_changes_nothing()
    {
        var host = await Bed.StartHostAsync(faults, "--OrderDeadline=00:00:02");
        var api = host.BaseAddress + "api";
        using var http = FaultBed.Client(host.BaseAddress);
        await FaultBed.StockAsync(http, new Dictionary<string, int> { ["lamp"] = 10 });
        const string orderId = "redrive-1";
        // Storage refuses, for good, every request about this order's stock lines: its reservation and its settlement.
        var refusal = faults.Inject(400, "InvalidInput", r => r.Touches(Bed.TablePrefix + TableStorage.Inventory) && r.Mentions("order|" + orderId));

        await PlaceAsync(http, orderId);
        var letters = await DeadLettersAsync(http, $"?orderId={orderId}");
        var letter = Assert.Single(letters.AsArray())!;
        Assert.Equal(("payments.processed.dlq", "reserve-stock"), (letter["topic"]!.GetValue<string>(), letter["consumerGroup"]!.GetValue<string>()));
        Assert.Contains("InvalidInput", letter["reason"]!.GetValue<string>());
        // The view learns of the payment on its own time: wait for it, the order stops there.
        await Eventually.TrueAsync(async () => (await ViewAsync(http, orderId)).Status == OrderStatus.Paid, TimeSpan.FromSeconds(30), "the view shows the order paid");

        await Eventually.TrueAsync(async () => (await OverdueAsync(http)).Any(o => o!["orderId"]!.GetValue<string>() == orderId),
            TimeSpan.FromSeconds(30), "the order is listed overdue");
        var overdue = (await OverdueAsync(http)).Single(o => o!["orderId"]!.GetValue<string>() == orderId)!;
        Assert.Equal("reserve-stock", overdue["stuckAt"]!.GetValue<string>());
        var (listed, listing) = await LocalHostCommand.RunAsync("dlq", "list", "--order", orderId, "--api", api);
        Output.WriteLine(listing);
        Assert.Equal(0, listed);
        Assert.Contains(orderId, listing);
        var (_, overdueListing) = await LocalHostCommand.RunAsync("overdue", "--api", api);
        Assert.Contains("waiting on reserve-stock", overdueListing);

        refusal.Dispose(); // the cause, fixed
        var (dryRun, preview) = await LocalHostCommand.RunAsync("dlq", "redrive", "--order", orderId, "--dry-run", "--api", api);
        Output.WriteLine(preview);
        Assert.Equal(0, dryRun);
        Assert.Contains("dry run: 0 redriven, 1 would be", preview);
        Assert.Equal(OrderStatus.Paid, (await ViewAsync(http, orderId)).Status);

        var redrive = await RedriveAsync(http, new RedriveRequest(null, null, orderId, null, false, false));
        Assert.Equal(1, redrive["redriven"]!.GetValue<int>());
        var view = await FinalViewAsync(http, orderId);
        Assert.Equal(OrderStatus.Confirmed, view.Status);
        var after = await SnapshotAsync(http, orderId);

        var again = await RedriveAsync(http, new RedriveRequest(null, null, orderId, null, false, false));
        Assert.Equal((0, 1), (again["redriven"]!.GetValue<int>(), again["skipped"]!.GetValue<int>()));
        var forced = await RedriveAsync(http, new RedriveRequest("payments.processed", "reserve-stock", orderId, "InvalidInput", false, true));
        Assert.Equal(1, forced["redriven"]!.GetValue<int>());
        await Eventually.TrueAsync(async () => (await DeadLettersAsync(http, $"?orderId={orderId}")).AsArray().Count == 1 && await SnapshotAsync(http, orderId) == after,
            TimeSpan.FromSeconds(30), "the repeated redrive is processed");
        Assert.Equal(after, await SnapshotAsync(http, orderId));
        Assert.Equal(9, (await http.GetFromJsonAsync<InventoryItem>("api/inventory/lamp", OrdersApi.Json))!.Quantity);
        Assert.Empty(await OverdueAsync(http));
    }

    private static async Task PlaceAsync(HttpClient http, string orderId) =>
        (await http.PostAsJsonAsync("api/orders", TestOrders.Place(orderId).By("nina").Line("lamp", 1).Build())).EnsureSuccessStatusCode();

    private static async Task<OrderView> ViewAsync(HttpClient http, string orderId) =>
        (await http.GetFromJsonAsync<OrderView>($"api/orders/{orderId}", OrdersApi.Json))!;

    private static async Task<OrderView> FinalViewAsync(HttpClient http, string orderId) =>
        (await http.GetFromJsonAsync<OrderView>($"api/orders/{orderId}?waitFor=final&waitSeconds=30", OrdersApi.Json))!;

    private static async Task<JsonNode> DeadLettersAsync(HttpClient http, string query)
    {
        JsonNode? letters = null;
        await Eventually.TrueAsync(async () =>
        {
            letters = JsonNode.Parse(await http.GetStringAsync("api/operations/dead-letters" + query))!["deadLetters"];
            return letters!.AsArray().Count > 0;
        }, TimeSpan.FromSeconds(60), "the order is dead-lettered");
        return letters!;
    }

    private static async Task<JsonArray> OverdueAsync(HttpClient http) =>
        JsonNode.Parse(await http.GetStringAsync("api/admin/orders/overdue"))!["orders"]!.AsArray();

    private static async Task<JsonNode> RedriveAsync(HttpClient http, RedriveRequest request)
    {
        var response = await http.PostAsJsonAsync("api/operations/dead-letters/redrive", request);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>Everything the order's effects could change: its view, its stock, and the gateway's charges for it.</summary>
    private async Task<string> SnapshotAsync(HttpClient http, string orderId)
    {
        var view = await http.GetStringAsync($"api/orders/{orderId}");
        var stock = await http.GetStringAsync("api/inventory/lamp");
        var gatewayRows = 0;
        await foreach (var _ in Bed.Tables.Table(TableStorage.PaymentGateway).QueryAsync<Azure.Data.Tables.TableEntity>()) gatewayRows++;
        return $"{view}\n{stock}\ngateway rows {gatewayRows}";
    }
}
