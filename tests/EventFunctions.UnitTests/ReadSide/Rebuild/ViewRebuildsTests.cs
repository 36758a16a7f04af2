using Azure.Data.Tables;
using EventFunctions.ReadSide.Rebuild;
using EventFunctions.ReadSide.Versions;
using EventFunctions.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventFunctions.UnitTests.ReadSide.Rebuild;

public class ViewRebuildsTests
{
    private readonly Mock<IViewVersionStore> store = new(MockBehavior.Strict);
    private readonly Mock<ILogPositions> log = new();
    private readonly ViewRebuilds rebuilds;

    public ViewRebuildsTests()
    {
        var tables = new TableStorage(new TableServiceClient("UseDevelopmentStorage=true"));
        var options = new ViewRebuildOptions();
        rebuilds = new ViewRebuilds(store.Object, new ViewTables(store.Object, tables, TestEvents.Clock(), options), tables, log.Object,
            TestEvents.Clock(), options, NullLogger<ViewRebuilds>.Instance);
    }

    [Fact]
    public async Task A_rebuild_is_refused_when_a_topic_no_longer_holds_its_history_and_says_how_to_build_what_remains()
    {
        log.Setup(l => l.RangesAsync(ReadModels.Orders.Topics, It.IsAny<CancellationToken>()))
            .ReturnsAsync([new PartitionRange(Topics.OrdersPlaced, 0, 0, 40), new PartitionRange(Topics.PaymentsRefunded, 6, 17, 90)]);

        var refused = await Assert.ThrowsAsync<RebuildRefusedException>(() => rebuilds.StartAsync(ReadModels.Orders, fromRemaining: false, CancellationToken.None));

        Assert.Contains("payments.refunded[6] starts at offset 17", refused.Message);
        Assert.Contains("--from-remaining", refused.Message);
        // The strict store was never asked to change anything.
        store.VerifyNoOtherCalls();
    }
}
