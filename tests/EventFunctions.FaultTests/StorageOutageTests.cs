using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventFunctions.FaultTests.Infrastructure;
using EventFunctions.Http;
using EventFunctions.Orders.Intake;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.LocalHost.KafkaTrigger;

namespace EventFunctions.FaultTests;

/// <summary>
/// Table Storage goes away in the middle of the load (Azurite stopped, then started again on its data): the
/// functions wait, the host says degraded and why, orders keep being accepted (202, their claims deferred to
/// ValidateOrder), and once storage is back every order ends final with nothing dead-lettered, the ledger balanced
/// and stock conserved. Two bodies placed under one order id while the claim could not be checked end as one order:
/// the later by offset is Rejected and in no other customer's list; once the claim can be checked, another body gets 409.
/// </summary>
[Trait("Category", "Faults")]
public sealed class StorageOutageTests(ITestOutputHelper output) : FaultScenario(output)
{
    [Fact]
    public async Task Orders_placed_through_a_storage_outage_all_end_final_with_nothing_dead_lettered()
    {
        var (count, rate, outageAt, outage) = Repository.LongRun
            ? (3000, 50.0, TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(5))
            : (300, 30.0, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(25));
        // An outage longer than max.poll.interval.ms: waiting batches must keep their consumers in the group.
        var host = await Bed.StartHostAsync(null, $"--{KafkaTriggerOptions.HostSettingsSection}:{nameof(KafkaTriggerOptions.MaxPollIntervalMs)}=10000");
        using var http = FaultBed.Client(host.BaseAddress);
        var stock = OrderLoad.Stock(count);
        await FaultBed.StockAsync(http, stock);
        var pairStock = new Dictionary<string, int> { [PairSku] = 5 };
        await FaultBed.StockAsync(http, pairStock);
        var clock = Stopwatch.StartNew();

        var load = new OrderLoad([host.BaseAddress], "outage").PlaceAsync(count, rate);
        // The fault's timing, not a wait for an outcome.
        await Task.Delay(outageAt);
        await Bed.Azurite.StopAsync();
        var down = Stopwatch.StartNew();
        await Health.WaitForAsync(http, "degraded", TimeSpan.FromSeconds(60));
        var degradedAfter = down.Elapsed;
        // Through the fault's duration, every consumer keeps its partitions: waiting batches keep polling.
        var statuses = new HashSet<string?>();
        while (down.Elapsed < outage)
        {
            statuses.Add(await Health.StatusAsync(http));
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        // Two bodies for one order id, one after the other, while no claim can be checked: both are accepted.
        var (first, second) = PairOfBodies();
        var firstAccepted = await http.PostAsJsonAsync("api/orders", first);
        var secondAccepted = await http.PostAsJsonAsync("api/orders", second);
        await Bed.Azurite.StartAsync();
        Assert.Equal(["degraded"], statuses);
        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (firstAccepted.StatusCode, secondAccepted.StatusCode));
        Assert.Equal(("deferred", "deferred"), (await ClaimOf(firstAccepted), await ClaimOf(secondAccepted)));
        // The pair's order is one more order of the run, audited with the others; its rejected body charged nothing.
        IReadOnlyList<PlacedOrder> placed = [.. await load, new PlacedOrder(first.OrderId!, first.CustomerId!, first.Lines!, first.PaymentToken!)];

        await AuditAsync($"storage outage of {outage.TotalSeconds:F0} s after {outageAt.TotalSeconds:F0} s, {count} orders at {rate}/s, " +
            $"degraded reported {degradedAfter.TotalSeconds:F1} s into it", placed, stock.Concat(pairStock).ToDictionary(), TimeSpan.FromMinutes(Repository.LongRun ? 20 : 4));
        Output.WriteLine($"all final {clock.Elapsed.TotalSeconds:F0} s after the first order");

        // The earlier body in the log is the order; the later one ends Rejected, shown only at its own placement.
        var order = await FinalViewAtAsync(http, firstAccepted.Headers.Location!);
        var lost = await FinalViewAtAsync(http, secondAccepted.Headers.Location!);
        Assert.Equal((OrderStatus.Confirmed, first.CustomerId), (order.Status, order.CustomerId));
        Assert.Equal((OrderStatus.Rejected, "orderId already used with different content", second.CustomerId), (lost.Status, lost.Reason, lost.CustomerId));
        Assert.Equal(first.CustomerId, (await FinalViewAtAsync(http, new Uri($"api/orders/{first.OrderId}", UriKind.Relative))).CustomerId);
        Assert.DoesNotContain(await OrdersOfAsync(http, second.CustomerId!), v => v.OrderId == second.OrderId);
        Assert.Contains(await OrdersOfAsync(http, first.CustomerId!), v => v.OrderId == first.OrderId);
        // Now the claim can be checked: another body is refused at once, the same body is the same order.
        Assert.Equal(HttpStatusCode.Conflict, (await http.PostAsJsonAsync("api/orders", second)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await http.PostAsJsonAsync("api/orders", first)).StatusCode);
        await Health.WaitForAsync(http, "ready", TimeSpan.FromSeconds(30));
    }

    /// <summary>Two bodies for one order id, by two customers, for a sku of their own so that the load's audit is unaffected.</summary>
    private static (PlaceOrderRequest First, PlaceOrderRequest Second) PairOfBodies()
    {
        var first = new PlaceOrderRequest("outage-pair", "pair-first", [new OrderLineRequest(PairSku, 1)], "tok_visa");
        return (first, first with { CustomerId = "pair-second", Lines = [new OrderLineRequest(PairSku, 2)] });
    }

    private const string PairSku = "pair-sku";

    private static async Task<string?> ClaimOf(HttpResponseMessage accepted) =>
        (await accepted.Content.ReadFromJsonAsync<JsonElement>()).TryGetProperty("claim", out var claim) ? claim.GetString() : null;

    private static async Task<OrderView> FinalViewAtAsync(HttpClient http, Uri location)
    {
        var separator = location.OriginalString.Contains('?') ? '&' : '?';
        var response = await http.GetAsync($"{location.OriginalString.TrimStart('/')}{separator}waitFor={OrderQuery.FinalStatus}&waitSeconds=30");
        response.EnsureSuccessStatusCode();
        var view = (await response.Content.ReadFromJsonAsync<OrderView>(ApiJson.Options))!;
        Assert.True(view.IsComplete, $"{location} is not final: {view.Status}");
        return view;
    }

    private static async Task<List<OrderView>> OrdersOfAsync(HttpClient http, string customerId) =>
        (await http.GetFromJsonAsync<List<OrderView>>($"api/customers/{customerId}/orders", ApiJson.Options))!;
}
