using EventFunctions.ReadSide.Rebuild;
using EventFunctions.ReadSide.Versions;

namespace EventFunctions.UnitTests.ReadSide.Rebuild;

public class RebuildCatchUpTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);
    private static readonly DateTimeOffset Started = TestEvents.Now;
    private static readonly ViewVersions Building = ViewVersions.BuiltAt(1).StartBuilding(Started, false);

    private static RebuildProgress Progress(DateTimeOffset at, params (long Reached, long End)[] partitions) =>
        new(at, partitions.Select((p, i) => new PartitionProgress(Topics.OrdersPlaced, i, 0, p.Reached, p.End)).ToList());

    [Fact]
    public void A_build_caught_up_switches_only_once_every_live_writer_writes_its_version_too()
    {
        var tooSoon = Progress(Started + RebuildCatchUp.WritersJoinWithin(Ttl) - TimeSpan.FromMilliseconds(1), (10, 10));
        var inTime = Progress(Started + RebuildCatchUp.WritersJoinWithin(Ttl), (10, 10));

        Assert.False(RebuildCatchUp.CanSwitch(Building, tooSoon, Ttl));
        Assert.True(RebuildCatchUp.CanSwitch(Building, inTime, Ttl));
    }

    [Fact]
    public void A_build_behind_on_any_partition_does_not_switch()
    {
        var later = Started + TimeSpan.FromMinutes(1);

        Assert.False(RebuildCatchUp.CanSwitch(Building, Progress(later, (10, 10), (4, 5)), Ttl));
        Assert.False(RebuildCatchUp.CanSwitch(ViewVersions.BuiltAt(1), Progress(later, (10, 10)), Ttl));
    }

    [Fact]
    public void A_partition_no_longer_holding_its_first_records_is_named_with_the_offset_it_starts_at()
    {
        PartitionRange[] ranges = [new(Topics.OrdersPlaced, 0, 0, 10), new(Topics.OrdersPlaced, 3, 1200, 1500)];

        Assert.Contains("orders.placed[3] starts at offset 1200", RebuildCatchUp.LostHistory(ranges));
        Assert.Null(RebuildCatchUp.LostHistory([ranges[0]]));
    }

    [Fact]
    public void A_partition_the_build_group_has_not_committed_is_read_up_to_its_earliest_offset()
    {
        PartitionRange[] ranges = [new(Topics.OrdersPlaced, 0, 5, 9), new(Topics.OrdersValidated, 0, 0, 7)];
        var committed = new Dictionary<(string, int), long?> { [(Topics.OrdersValidated, 0)] = 7 };

        var progress = RebuildProgress.Of(Started, ranges, committed);

        Assert.Equal(5, progress.Partitions[0].Reached);
        Assert.Equal(4, progress.Partitions[0].Remaining);
        Assert.True(progress.Partitions[1].CaughtUp);
        Assert.Equal((7, 11), (progress.RecordsProjected, progress.RecordsToProject));
        Assert.Equal(0, progress.OrdersProjected);
    }
}
