using EventFunctions.FaultTests.Infrastructure;

namespace EventFunctions.FaultTests;

/// <summary>
/// Local scale-out: two hosts join one embedded cluster and share every consumer group; one stops gracefully
/// mid-load. It commits what it finished as its partitions are revoked, so the other redelivers little; the run
/// reports Kafka records per event, with and without that commit (the latter in the long run only).
/// </summary>
[Trait("Category", "Faults")]
public sealed class ScaleOutTests(ITestOutputHelper output) : FaultScenario(output)
{
    [Theory]
    [MemberData(nameof(CommitOnRevokeCases))]
    public async Task Two_hosts_share_the_groups_and_one_stops_mid_load_without_losing_or_repeating_an_effect(bool commitOnRevoke)
    {
        var (count, rate) = Repository.LongRun ? (3000, 50.0) : (300, 30.0);
        var setting = CommitOnRevoke(commitOnRevoke);
        var staying = await Bed.StartHostAsync(null, setting);
        var leaving = await Bed.StartHostAsync(null, setting);
        using var http = FaultBed.Client(staying.BaseAddress);
        var stock = OrderLoad.Stock(count);
        await FaultBed.StockAsync(http, stock);

        var load = new OrderLoad([staying.BaseAddress, leaving.BaseAddress], "scale").PlaceAsync(count, rate);
        // The stop's timing, not a wait for an outcome: half-way through the load.
        await Task.Delay(TimeSpan.FromSeconds(count / rate / 2));
        await Bed.StopHostAsync(leaving);
        var placed = await load;

        await AuditAsync($"graceful stop of one of two hosts, commit on revoke {commitOnRevoke}, {count} orders at {rate}/s",
            placed, stock, TimeSpan.FromMinutes(Repository.LongRun ? 10 : 3));
    }
}
