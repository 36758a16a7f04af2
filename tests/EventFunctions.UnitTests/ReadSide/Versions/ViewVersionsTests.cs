using EventFunctions.ReadSide.Versions;

namespace EventFunctions.UnitTests.ReadSide.Versions;

public class ViewVersionsTests
{
    private static readonly DateTimeOffset Now = TestEvents.Now;

    [Fact]
    public void A_build_takes_a_version_never_used_before_and_the_live_projection_writes_it_beside_the_active_one()
    {
        var building = ViewVersions.BuiltAt(1).StartBuilding(Now, fromRemaining: false);

        Assert.Equal(2, building.Building);
        Assert.Equal(Now, building.BuildingSince);
        Assert.Equal([1, 2], building.Written);
        Assert.Equal(1, building.Active);
    }

    [Fact]
    public void A_second_build_is_refused_while_one_runs()
    {
        var building = ViewVersions.BuiltAt(1).StartBuilding(Now, false);

        var refused = Assert.Throws<ViewVersionConflictException>(() => building.StartBuilding(Now, false));
        Assert.Contains("version 2 is being built", refused.Message);
    }

    [Fact]
    public void A_switch_serves_the_built_version_keeps_the_active_one_as_previous_and_retires_the_one_before()
    {
        var second = ViewVersions.BuiltAt(1).StartBuilding(Now, false).Switched(out var none);
        var third = second.StartBuilding(Now, false).Switched(out var retired);

        Assert.Null(none);
        Assert.Equal((2, 1), (second.Active!.Value, second.Previous!.Value));
        Assert.Equal((3, 2), (third.Active!.Value, third.Previous!.Value));
        Assert.Equal(1, retired);
        Assert.Null(third.Building);
        Assert.Equal([3, 2], third.Written);
    }

    [Fact]
    public void A_build_that_replaces_a_deleted_view_drops_it_and_keeps_the_previous_version()
    {
        var second = ViewVersions.BuiltAt(1).StartBuilding(Now, false).Switched(out _);

        var third = second.StartBuilding(Now, false).Switched(out var retired, activeExists: false);

        Assert.Equal((3, 1), (third.Active!.Value, third.Previous!.Value));
        Assert.Null(retired);
        Assert.Null(ViewVersions.BuiltAt(1).StartBuilding(Now, false).Switched(out _, activeExists: false).Previous);
    }

    [Fact]
    public void A_rollback_serves_the_previous_version_and_a_second_one_undoes_the_first()
    {
        var switched = ViewVersions.BuiltAt(1).StartBuilding(Now, false).Switched(out _);

        var back = switched.RolledBack();

        Assert.Equal((1, 2), (back.Active!.Value, back.Previous!.Value));
        Assert.Equal(switched, back.RolledBack());
        Assert.Throws<ViewVersionConflictException>(() => ViewVersions.BuiltAt(1).RolledBack());
    }

    [Fact]
    public void A_cancelled_build_leaves_the_versions_as_they_were_but_its_number_is_not_used_again()
    {
        var cancelled = ViewVersions.BuiltAt(1).StartBuilding(Now, false).Cancelled(out var version);

        Assert.Equal(2, version);
        Assert.Equal([1], cancelled.Written);
        Assert.Equal(3, cancelled.StartBuilding(Now, false).Building);
    }

    [Fact]
    public void A_read_model_added_later_has_nothing_to_serve_or_write_until_its_first_build()
    {
        var first = ViewVersions.NeverBuilt.StartBuilding(Now, false);

        Assert.Empty(ViewVersions.NeverBuilt.Written);
        Assert.Equal(1, first.Building);
        Assert.Equal([1], first.Written);
        Assert.Null(first.Switched(out _).Previous);
    }
}
