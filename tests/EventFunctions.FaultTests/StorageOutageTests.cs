using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using EventFunctions.FaultTests.Infrastructure;
using EventFunctions.LocalHost.KafkaTrigger;

namespace EventFunctions.FaultTests;

/// <summary>
/// Table Storage goes away in the middle of the load (Azurite stopped, then started again on its data): the
/// functions wait, the host says degraded and why, orders keep being accepted, and once storage is back every order
/// ends final with nothing dead-lettered, the ledger balanced and stock conserved.
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
        var refused = await http.PostAsJsonAsync("api/orders", TestOrders.Place("while-away").By("c").Line("sku-1", 1).Build());
        await Bed.Azurite.StartAsync();
        Assert.Equal(["degraded"], statuses);
        // The API cannot claim an order id while storage is away: it says so, and when to come back.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), refused.Headers.RetryAfter?.Delta);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var placed = await load;

        await AuditAsync($"storage outage of {outage.TotalSeconds:F0} s after {outageAt.TotalSeconds:F0} s, {count} orders at {rate}/s, " +
            $"degraded reported {degradedAfter.TotalSeconds:F1} s into it", placed, stock, TimeSpan.FromMinutes(Repository.LongRun ? 20 : 4));
        Output.WriteLine($"all final {clock.Elapsed.TotalSeconds:F0} s after the first order");
        await Health.WaitForAsync(http, "ready", TimeSpan.FromSeconds(30));
    }
}
