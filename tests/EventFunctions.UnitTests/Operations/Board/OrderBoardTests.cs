using EventFunctions.Operations.Board;
using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.UnitTests.Operations.Board;

public class OrderBoardTests
{
    private readonly OrderBoard board = new();

    private static ProjectedEvent Projected(IOrderEvent data, int projectedAfterMs = 0, int createdAfterMs = 0)
    {
        var envelope = TestEvents.Envelope(data) with { Time = TestEvents.Now.AddMilliseconds(createdAfterMs) };
        return ProjectedEvent.Of(envelope, TestEvents.Now.AddMilliseconds(projectedAfterMs));
    }

    private static StockReserved Reserved(string orderId) => new(orderId, [new OrderLine("sku-a", 2)]);

    [Fact]
    public void An_order_moves_through_its_statuses_and_its_latency_is_known_once_final()
    {
        Assert.Empty(board.Apply([Projected(TestEvents.Placed("o-1"), 10)]));
        board.Apply([Projected(TestEvents.Validated("o-1"), 400), Projected(TestEvents.Captured("o-1"), 800)]);
        Assert.Equal(1, board.Counts()[OrderStatus.Paid]);

        var finished = board.Apply([Projected(Reserved("o-1"), 1200)]);

        Assert.Equal(new FinishedOrder("o-1", OrderStatus.Confirmed, TimeSpan.FromMilliseconds(1200)), finished.Single());
        var counts = board.Counts();
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
        board.Apply([Projected(TestEvents.Placed("o-1")), Projected(Reserved("o-1"), 500)]);
        var (cursor, _) = board.Snapshot(10);

        Assert.Empty(board.Apply([Projected(Reserved("o-1"), 900), Projected(TestEvents.Placed("o-1"), 900)]));

        Assert.Equal(1, board.Counts()[OrderStatus.Confirmed]);
        Assert.Empty(board.ChangesAfter(cursor)!);
    }

    [Fact]
    public void A_final_status_seen_before_the_order_was_placed_gets_its_latency_when_the_placement_arrives()
    {
        Assert.Empty(board.Apply([Projected(new OrderRejected("o-1", "unknown sku"), 300, createdAfterMs: 200)]));

        var finished = board.Apply([Projected(TestEvents.Placed("o-1"), 350)]);

        Assert.Equal(TimeSpan.FromMilliseconds(300), finished.Single().Latency);
        Assert.Equal(1, board.Counts()[OrderStatus.Rejected]);
    }

    [Fact]
    public void An_order_seeded_from_the_view_is_not_counted_again_but_its_live_events_are()
    {
        board.Seed("o-1", [Projected(TestEvents.Placed("o-1")), Projected(TestEvents.Validated("o-1"), 100), Projected(TestEvents.Captured("o-1"), 200)]);
        Assert.Equal(1, board.Counts()[OrderStatus.Paid]);

        var finished = board.Apply([Projected(Reserved("o-1"), 700)]);

        Assert.Equal(TimeSpan.FromMilliseconds(700), finished.Single().Latency);
        Assert.Equal(1, board.Counts()[OrderStatus.Confirmed]);
    }

    [Fact]
    public void A_stream_resumes_after_its_last_change_and_starts_over_from_a_snapshot_with_another_boards_cursor()
    {
        board.Apply([Projected(TestEvents.Placed("o-1"))]);
        var (cursor, _) = board.Snapshot(10);
        board.Apply([Projected(TestEvents.Placed("o-2"))]);
        board.Apply([Projected(TestEvents.Validated("o-2"))]);

        var missed = board.ChangesAfter(cursor)!;

        Assert.Equal([("o-2", OrderStatus.Placed), ("o-2", OrderStatus.Validated)], missed.Select(c => (c.Order.OrderId, c.Order.Status)));
        Assert.Empty(board.ChangesAfter(missed[^1].Id)!);
        Assert.Null(board.ChangesAfter(new OrderBoard().Snapshot(1).Cursor));
        Assert.Null(board.ChangesAfter("not-a-cursor"));
        Assert.Null(board.ChangesAfter(null));
    }

    [Fact]
    public void Changes_no_longer_kept_send_a_stream_back_to_a_snapshot()
    {
        board.Apply([Projected(TestEvents.Placed("o-0"))]);
        var (cursor, _) = board.Snapshot(1);

        for (var i = 1; i <= OrderBoard.MaxReplayableChanges + 1; i++) board.Apply([Projected(TestEvents.Placed("o-" + i))]);

        Assert.Null(board.ChangesAfter(cursor));
    }

    [Fact]
    public void Finished_orders_beyond_the_limit_are_forgotten_oldest_first_and_stay_counted()
    {
        for (var i = 0; i < OrderBoard.MaxFinishedOrders + 5; i++)
            board.Apply([Projected(TestEvents.Placed("o-" + i)), Projected(new OrderRejected("o-" + i, "no"), i)]);
        board.Apply([Projected(TestEvents.Placed("open"))]);

        Assert.False(board.Knows("o-0"));
        Assert.True(board.Knows("o-" + (OrderBoard.MaxFinishedOrders + 4)));
        Assert.True(board.Knows("open"));
        Assert.Equal(OrderBoard.MaxFinishedOrders + 5, board.Counts()[OrderStatus.Rejected]);
    }

    [Fact]
    public async Task A_change_completes_the_signal_taken_before_it()
    {
        var next = board.NextChange;
        Assert.False(next.IsCompleted);

        board.Apply([Projected(TestEvents.Placed("o-1"))]);

        await next.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(board.NextChange.IsCompleted);
    }
}
