using System.Diagnostics;
using EventFunctions.FaultTests.Infrastructure;

namespace EventFunctions.FaultTests;

/// <summary>
/// Table Storage goes away in the middle of the load (Azurite stopped, then started again on its data): the
/// functions wait, the host says degraded and why, orders keep being accepted, and once storage is back every order
/// ends final with nothing dead-lettered, the ledger balanced and stock conserved.
/// </summary>
[Trait("Category", "Faults")]
public sealed class StorageOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly FaultBed bed = new();

    public Task InitializeAsync() => bed.InitializeAsync();

    public Task DisposeAsync() => bed.DisposeAsync();

    [Fact]
    public async Task Orders_placed_through_a_storage_outage_all_end_final_with_nothing_dead_lettered()
    {
        var (count, rate, outageAt, outage) = Repository.LongRun
            ? (3000, 50.0, TimeSpan.FromSeconds(20), TimeSpan.FromMinutes(5))
            : (300, 30.0, TimeSpan.FromSeconds(3), TimeSpan.FromSeconds(25));
        var host = await bed.StartHostAsync();
        using var http = FaultBed.Client(host.BaseAddress);
        var stock = OrderLoad.Stock(count);
        await FaultBed.StockAsync(http, stock);
        var clock = Stopwatch.StartNew();

        var load = new OrderLoad([host.BaseAddress], "outage").PlaceAsync(count, rate);
        // The fault's timing, not a wait for an outcome.
        await Task.Delay(outageAt);
        await bed.Azurite.StopAsync();
        var down = Stopwatch.StartNew();
        await Health.WaitForAsync(http, "degraded", TimeSpan.FromSeconds(60));
        var degradedAfter = down.Elapsed;
        if (outage > down.Elapsed) await Task.Delay(outage - down.Elapsed);
        await bed.Azurite.StartAsync();
        var placed = await load;

        var audit = new PipelineAudit(bed.Tables, bed.Kafka);
        await audit.WaitUntilFinalAsync(placed, TimeSpan.FromMinutes(Repository.LongRun ? 20 : 4));
        var wall = clock.Elapsed;
        var report = await audit.RunAsync(placed, stock);
        output.WriteLine($"storage outage of {outage.TotalSeconds:F0} s after {outageAt.TotalSeconds:F0} s, {count} orders at {rate}/s: {report}");
        output.WriteLine($"degraded reported {degradedAfter.TotalSeconds:F1} s into the outage; all final {wall.TotalSeconds:F0} s after the first order");

        Assert.Empty(report.Problems);
        Assert.Equal((count, 0, 0, 0), (report.Final, report.Stuck, report.DoubleEffects, report.DeadLetters));
        await Health.WaitForAsync(http, "ready", TimeSpan.FromSeconds(30));
    }
}
