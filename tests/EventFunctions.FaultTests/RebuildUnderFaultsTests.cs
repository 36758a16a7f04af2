using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using EventFunctions.FaultTests.Infrastructure;

namespace EventFunctions.FaultTests;

/// <summary>
/// The order view rebuilt from the log while orders flow, through the faults an operator meets: one of the two hosts
/// building it is killed, and Table Storage goes away for a while. The build waits the outage out, the surviving host
/// takes the dead one's share of the build group, the readers switch, and both the new version and the previous one,
/// kept for a rollback, hold every order at its end.
/// </summary>
[Trait("Category", "Faults")]
public sealed class RebuildUnderFaultsTests(ITestOutputHelper output) : FaultScenario(output)
{
    [Fact]
    public async Task A_rebuild_through_a_host_crash_and_a_storage_outage_switches_and_both_versions_hold_every_order()
    {
        var (count, rate, outage) = Repository.LongRun ? (3000, 50.0, TimeSpan.FromMinutes(2)) : (300, 30.0, TimeSpan.FromSeconds(15));
        var steady = await Bed.StartHostProcessAsync("steady");
        var crashing = await Bed.StartHostProcessAsync("crashing");
        using var http = FaultBed.Client(steady.BaseAddress);
        var stock = OrderLoad.Stock(count);
        await FaultBed.StockAsync(http, stock);
        var clock = Stopwatch.StartNew();

        var load = new OrderLoad([steady.BaseAddress, crashing.BaseAddress], "rebuild").PlaceAsync(count, rate);
        // The faults' timing, not a wait for an outcome.
        await Task.Delay(TimeSpan.FromSeconds(2));
        var started = await http.PostAsync("api/operations/views/orders/rebuild", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(2));
        await crashing.KillAsync();
        await Bed.Azurite.StopAsync();
        await Task.Delay(outage);
        await Bed.Azurite.StartAsync();
        var placed = await load;

        await Eventually.TrueAsync(async () => await ActiveAsync(http) == 2, TimeSpan.FromMinutes(Repository.LongRun ? 15 : 4), "the rebuilt version serves");
        Output.WriteLine($"switched {clock.Elapsed.TotalSeconds:F0} s after the first order");
        await AuditAsync($"order view rebuilt through a host crash and a storage outage of {outage.TotalSeconds:F0} s, {count} orders at {rate}/s, read from version 2",
            placed, stock, TimeSpan.FromMinutes(Repository.LongRun ? 15 : 4));

        Assert.Equal(HttpStatusCode.OK, (await http.PostAsync("api/operations/views/orders/rollback", null)).StatusCode);
        Assert.Equal(1, await ActiveAsync(http));
        await AuditAsync("the same, read from version 1 after a rollback", placed, stock, TimeSpan.FromMinutes(1));
    }

    private static async Task<int?> ActiveAsync(HttpClient http)
    {
        var response = await http.GetAsync("api/operations/views/orders");
        return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync<JsonObject>())!["active"]?.GetValue<int>() : null;
    }
}
