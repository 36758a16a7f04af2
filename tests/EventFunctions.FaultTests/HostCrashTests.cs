using System.Diagnostics;
using EventFunctions.FaultTests.Infrastructure;

namespace EventFunctions.FaultTests;

/// <summary>
/// Two local hosts as separate processes share every consumer group on one embedded cluster; one is killed (SIGKILL)
/// mid-load, and in the long run killed and restarted seven times. The survivor takes the crashed host's partitions
/// after the group's session timeout; nothing is lost, nothing happens twice.
/// </summary>
[Trait("Category", "Faults")]
public sealed class HostCrashTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly FaultBed bed = new();

    public Task InitializeAsync() => bed.InitializeAsync();

    public Task DisposeAsync() => bed.DisposeAsync();

    [Fact]
    public async Task Killing_one_of_two_hosts_mid_load_loses_and_repeats_no_effect()
    {
        var (count, rate, crashes) = Repository.LongRun ? (3000, 50.0, 7) : (300, 30.0, 1);
        var steady = await bed.StartHostProcessAsync("steady");
        var crashing = await bed.StartHostProcessAsync("crashing");
        using var http = FaultBed.Client(steady.BaseAddress);
        var stock = OrderLoad.Stock(count);
        await FaultBed.StockAsync(http, stock);
        var clock = Stopwatch.StartNew();

        var load = new OrderLoad([steady.BaseAddress, crashing.BaseAddress], "crash").PlaceAsync(count, rate);
        var between = TimeSpan.FromSeconds(count / rate / (crashes + 1));
        for (var crash = 1; crash <= crashes; crash++)
        {
            // The faults' timing, not a wait for an outcome.
            await Task.Delay(between);
            await crashing.KillAsync();
            output.WriteLine($"killed {crashing.Name} at {clock.Elapsed.TotalSeconds:F1} s");
            if (crash < crashes) crashing = await bed.StartHostProcessAsync("crashing");
        }
        var placed = await load;

        var audit = new PipelineAudit(bed.Tables, bed.Kafka);
        await audit.WaitUntilFinalAsync(placed, TimeSpan.FromMinutes(Repository.LongRun ? 15 : 4));
        var wall = clock.Elapsed;
        var report = await audit.RunAsync(placed, stock);
        output.WriteLine($"{crashes} SIGKILL of one of two hosts, {count} orders at {rate}/s, all final after {wall.TotalSeconds:F0} s: {report}");

        Assert.Empty(report.Problems);
        Assert.Equal((count, 0, 0, 0), (report.Final, report.Stuck, report.DoubleEffects, report.DeadLetters));
    }
}
