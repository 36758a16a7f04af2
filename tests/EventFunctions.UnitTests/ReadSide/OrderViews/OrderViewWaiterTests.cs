using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.UnitTests.ReadSide.OrderViews;

public class OrderViewWaiterTests
{
    private static readonly OrderView Paid = OrderView.Fold("o-1", [TestEvents.Placed("o-1"), TestEvents.Validated("o-1"), TestEvents.Captured("o-1", new OrderLine("sku-a", 1))]);
    private static readonly OrderView Confirmed = OrderView.Fold("o-1", [TestEvents.Placed("o-1"), TestEvents.Validated("o-1"), TestEvents.Captured("o-1", new OrderLine("sku-a", 1)), new StockReserved("o-1", [new("sku-a", 1)])]);

    [Fact]
    public async Task A_change_committed_between_one_signal_and_the_next_subscription_is_read_though_it_has_no_signal_of_its_own()
    {
        // The projection's consumers commit an order's events concurrently: the signal is for the payment, and the
        // stock reservation that makes the order final lands before the waiter subscribes again, so no signal follows.
        var views = new Mock<IOrderViews>();
        views.SetupSequence(v => v.GetAsync("o-1", It.IsAny<CancellationToken>())).ReturnsAsync(Paid).ReturnsAsync(Confirmed);
        var changes = new Mock<IOrderViewChanges>();
        changes.SetupGet(c => c.RecheckInterval).Returns(Timeout.InfiniteTimeSpan);
        changes.SetupSequence(c => c.NextChange("o-1"))
            .Returns(Task.CompletedTask)
            .Returns(new TaskCompletionSource().Task);
        var waiter = new OrderViewWaiter(views.Object, changes.Object);

        // Bounded far below the long poll's own hour: a waiter that skips the read waits for a signal that never comes.
        var view = await waiter.WaitAsync("o-1", afterVersion: null, untilComplete: true, TimeSpan.FromHours(1), CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(OrderStatus.Confirmed, view?.Status);
    }
}
