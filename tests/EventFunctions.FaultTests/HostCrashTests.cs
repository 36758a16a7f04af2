using System.Diagnostics;
using EventFunctions.FaultTests.Infrastructure;

namespace EventFunctions.FaultTests;

/// <summary>
/// Two local hosts as separate processes share every consumer group on one embedded cluster; one is killed (SIGKILL)
/// mid-load, and in the long run killed and restarted seven times. The survivor takes the crashed host's partitions
/// after the group's session timeout; nothing is lost, nothing happens twice. The run reports Kafka records per event,
/// with the hosts committing finished work on revoke and, in the long run, without.
/// </summary>
[Trait("Category", "Faults")]
public sealed class HostCrashTests(ITestOutputHelper output) : FaultScenario(output)
{
    [Theory]
    [MemberData(nameof(CommitOnRevokeCases))]
    public async Task Killing_one_of_two_hosts_mid_load_loses_and_repeats_no_effect(bool commitOnRevoke)
    {
        var (count, rate, crashes) = Repository.LongRun ? (3000, 50.0, 7) : (300, 30.0, 1);
        var setting = CommitOnRevoke(commitOnRevoke);
        var steady = await Bed.StartHostProcessAsync("steady", setting);
        var crashing = await Bed.StartHostProcessAsync("crashing", setting);
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
            Output.WriteLine($"killed {crashing.Name} at {clock.Elapsed.TotalSeconds:F1} s");
            if (crash < crashes) crashing = await Bed.StartHostProcessAsync("crashing", setting);
        }
        var placed = await load;

        await AuditAsync($"{crashes} SIGKILL of one of two hosts, commit on revoke {commitOnRevoke}, {count} orders at {rate}/s",
            placed, stock, TimeSpan.FromMinutes(Repository.LongRun ? 15 : 4));
        Output.WriteLine($"all final {clock.Elapsed.TotalSeconds:F0} s after the first order");
    }
}
