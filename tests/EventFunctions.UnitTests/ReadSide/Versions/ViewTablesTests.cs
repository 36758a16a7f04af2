using Azure.Data.Tables;
using EventFunctions.ReadSide.Versions;
using EventFunctions.Storage;

namespace EventFunctions.UnitTests.ReadSide.Versions;

public class ViewTablesTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(5);
    private readonly Mock<IViewVersionStore> store = new();
    private readonly MovableClock clock = new();
    private readonly ViewTables tables;

    public ViewTablesTests() =>
        tables = new ViewTables(store.Object, new TableStorage(new TableServiceClient("UseDevelopmentStorage=true"), "t"), clock, new ViewRebuildOptions { VersionsTtl = Ttl });

    private void Stored(ViewVersions versions) => store.Setup(s => s.GetAsync(ReadModels.Orders, It.IsAny<CancellationToken>())).ReturnsAsync(versions);

    [Fact]
    public async Task Writers_write_every_version_kept_and_readers_read_the_active_one()
    {
        Stored(ViewVersions.BuiltAt(1).StartBuilding(clock.GetUtcNow(), false).Switched(out _).StartBuilding(clock.GetUtcNow(), false));

        Assert.Equal(["tOrderViewsV2"], [(await tables.ReadTableAsync(ReadModels.Orders, CancellationToken.None)).Name]);
        Assert.Equal(["OrderViewsV2", "OrderViews", "OrderViewsV3"], await tables.WriteTablesAsync(ReadModels.Orders, CancellationToken.None));
    }

    [Fact]
    public async Task A_change_made_elsewhere_reaches_this_instance_within_the_ttl_and_one_made_here_at_once()
    {
        Stored(ViewVersions.BuiltAt(1));
        await tables.VersionsAsync(ReadModels.Orders, CancellationToken.None);
        var building = ViewVersions.BuiltAt(1).StartBuilding(clock.GetUtcNow(), false);
        Stored(building);

        clock.Advance(Ttl - TimeSpan.FromMilliseconds(1));
        Assert.Equal([1], (await tables.VersionsAsync(ReadModels.Orders, CancellationToken.None)).Written);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal([1, 2], (await tables.VersionsAsync(ReadModels.Orders, CancellationToken.None)).Written);

        var switched = building.Switched(out _);
        tables.Remember(ReadModels.Orders, switched);
        Assert.Equal(2, (await tables.VersionsAsync(ReadModels.Orders, CancellationToken.None)).Active);
    }

    [Fact]
    public async Task A_read_model_never_built_refuses_reads_and_says_how_to_build_it()
    {
        store.Setup(s => s.GetAsync(ReadModels.DailySales, It.IsAny<CancellationToken>())).ReturnsAsync(ViewVersions.NeverBuilt);

        var refused = await Assert.ThrowsAsync<ReadModelNotBuiltException>(() => tables.ReadTableAsync(ReadModels.DailySales, CancellationToken.None));
        Assert.Contains("./run.sh views rebuild daily-sales", refused.Message);
        Assert.Empty(await tables.WriteTablesAsync(ReadModels.DailySales, CancellationToken.None));
    }

    private sealed class MovableClock : TimeProvider
    {
        private DateTimeOffset now = TestEvents.Now;

        public override DateTimeOffset GetUtcNow() => now;

        public void Advance(TimeSpan by) => now += by;
    }
}
