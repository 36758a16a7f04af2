using EventFunctions.Operations.Board;
using EventFunctions.Operations.Live;
using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.UnitTests.Operations.Board;

public class OrderBoardTests
{
    private readonly LiveOrders orders = new();
    private readonly OrderBoard board;

    public OrderBoardTests() => board = new OrderBoard(orders);

    /// <summary>As the feed does: the live orders take the events, then the board observes what they did.</summary>
    private IReadOnlyList<FinishedOrder> Apply(params ProjectedEvent[] events)
    {
        var applied = orders.Apply(events);
        board.Changed(applied);
        return applied.Finished;
    }

    [Fact]
    public void An_order_moves_through_its_statuses_and_its_latency_is_known_once_final()
    {
        Assert.Empty(Apply(TestEvents.Projected(TestEvents.Placed("o-1"), 10)));
        Apply(TestEvents.Projected(TestEvents.Validated("o-1"), 400), TestEvents.Projected(TestEvents.Captured("o-1"), 800));
        Assert.Equal(1, orders.Counts()[OrderStatus.Paid]);

        var finished = Apply(TestEvents.Projected(TestEvents.Reserved("o-1"), 1200));

        Assert.Equal(new FinishedOrder("o-1", OrderStatus.Confirmed, TimeSpan.FromMilliseconds(1200)), finished.Single());
        var counts = orders.Counts();
        Assert.Equal(1, counts[OrderStatus.Confirmed]);
        Assert.Equal(0, counts[OrderStatus.Paid]);
        Assert.Equal(1, board.Latency().Count);
        var order = board.Snapshot(10).Orders.Single();
        Assert.Equal(["eventfunctions.OrderPlaced", "eventfunctions.OrderValidated", "eventfunctions.PaymentCaptured", "eventfunctions.StockReserved"], order.Steps.Select(s => s.Type));
        Assert.True(order.IsComplete);
    }

    [Fact]
    public void A_redelivered_event_changes_nothing_and_is_not_counted_again()
    {
        Apply(TestEvents.Projected(TestEvents.Placed("o-1")), TestEvents.Projected(TestEvents.Reserved("o-1"), 500));
        var (cursor, _) = board.Snapshot(10);

        Assert.Empty(Apply(TestEvents.Projected(TestEvents.Reserved("o-1"), 900), TestEvents.Projected(TestEvents.Placed("o-1"), 900)));

        Assert.Equal(1, orders.Counts()[OrderStatus.Confirmed]);
        Assert.Empty(board.ChangesAfter(cursor)!);
    }

    [Fact]
    public void A_stream_resumes_after_its_last_change_and_starts_over_from_a_snapshot_with_another_boards_cursor()
    {
        Apply(TestEvents.Projected(TestEvents.Placed("o-1")));
        var (cursor, _) = board.Snapshot(10);
        Apply(TestEvents.Projected(TestEvents.Placed("o-2")));
        Apply(TestEvents.Projected(TestEvents.Validated("o-2")));

        var missed = board.ChangesAfter(cursor)!;

        Assert.Equal([("o-2", OrderStatus.Placed), ("o-2", OrderStatus.Validated)], missed.Select(c => (c.Order.OrderId, c.Order.Status)));
        Assert.Empty(board.ChangesAfter(missed[^1].Id)!);
        Assert.Null(board.ChangesAfter(new OrderBoard(orders).Snapshot(1).Cursor));
        Assert.Null(board.ChangesAfter("not-a-cursor"));
        Assert.Null(board.ChangesAfter(null));
    }

    [Fact]
    public void A_snapshot_that_holds_changes_the_board_has_not_observed_yet_resumes_after_them_not_with_them()
    {
        Apply(TestEvents.Projected(TestEvents.Placed("o-1")));
        var validated = orders.Apply([TestEvents.Projected(TestEvents.Validated("o-1"))]);
        var (cursor, recent) = board.Snapshot(10);
        Assert.Equal(OrderStatus.Validated, recent.Single().Status);

        Assert.Empty(board.ChangesAfter(cursor)!);
        board.Changed(validated);
        Assert.Empty(board.ChangesAfter(cursor)!);
        Apply(TestEvents.Projected(TestEvents.Captured("o-1")));

        Assert.Equal([OrderStatus.Paid], board.ChangesAfter(cursor)!.Select(c => c.Order.Status));
    }

    [Fact]
    public void Changes_no_longer_kept_send_a_stream_back_to_a_snapshot()
    {
        Apply(TestEvents.Projected(TestEvents.Placed("o-0")));
        var (cursor, _) = board.Snapshot(1);

        for (var i = 1; i <= OrderBoard.MaxReplayableChanges + 1; i++) Apply(TestEvents.Projected(TestEvents.Placed("o-" + i)));

        Assert.Null(board.ChangesAfter(cursor));
    }

    [Fact]
    public async Task A_change_completes_the_signal_taken_before_it()
    {
        var next = board.NextChange;
        Assert.False(next.IsCompleted);

        Apply(TestEvents.Projected(TestEvents.Placed("o-1")));

        await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(board.NextChange.IsCompleted);
    }
}
