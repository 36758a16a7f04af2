using EventFunctions.FaultTests.Infrastructure;

namespace EventFunctions.FaultTests;

/// <summary>Storage that throttles (503 ServerBusy) for a while is waited out like any transient fault: nothing is settled or dead-lettered for it.</summary>
[Trait("Category", "Faults")]
public sealed class ThrottlingTests(ITestOutputHelper output) : FaultScenario(output)
{    private readonly TableFaults faults = new();

    [Fact]
    public async Task Throttled_storage_delays_orders_and_fails_none()
    {
        var host = await Bed.StartHostAsync(faults);
        using var http = FaultBed.Client(host.BaseAddress);
        var stock = OrderLoad.Stock(120);
        await FaultBed.StockAsync(http, stock);

        var load = new OrderLoad([host.BaseAddress], "throttled").PlaceAsync(120, 30);
        // The fault's timing, not a wait for an outcome: once orders are flowing through the functions.
        await Task.Delay(TimeSpan.FromSeconds(2));
        TableFault busy;
        using (busy = faults.Inject(503, "ServerBusy", _ => true))
        {
            await Health.WaitForAsync(http, "degraded", TimeSpan.FromSeconds(60));
            // The fault's duration, not a wait for an outcome.
            await Task.Delay(TimeSpan.FromSeconds(8));
        }
        var placed = await load;

        await AuditAsync($"{busy.Hits} requests answered 503 ServerBusy", placed, stock, TimeSpan.FromMinutes(3));
        Assert.True(busy.Hits > 0);
    }
}
