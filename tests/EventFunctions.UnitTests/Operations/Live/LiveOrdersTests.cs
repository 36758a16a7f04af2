using EventFunctions.Operations.Live;
using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.UnitTests.Operations.Live;

public class LiveOrdersTests
{
    private readonly LiveOrders orders = new();

    [Fact]
    public void A_final_status_seen_before_the_order_was_placed_gets_its_latency_when_the_placement_arrives()
    {
        Assert.Empty(orders.Apply([TestEvents.Projected(new OrderRejected("o-1", "unknown sku"), 300, createdAfterMs: 200)]).Finished);

        var finished = orders.Apply([TestEvents.Projected(TestEvents.Placed("o-1"), 350)]).Finished;

        Assert.Equal(TimeSpan.FromMilliseconds(300), finished.Single().Latency);
        Assert.Equal(1, orders.Counts()[OrderStatus.Rejected]);
    }

    [Fact]
    public void An_order_seeded_from_the_view_is_not_counted_again_but_its_live_events_are()
    {
        orders.Seed("o-1", [TestEvents.Projected(TestEvents.Placed("o-1")), TestEvents.Projected(TestEvents.Validated("o-1"), 100), TestEvents.Projected(TestEvents.Captured("o-1"), 200)]);
        Assert.Equal(1, orders.Counts()[OrderStatus.Paid]);

        var finished = orders.Apply([TestEvents.Projected(TestEvents.Reserved("o-1"), 700)]).Finished;

        Assert.Equal(TimeSpan.FromMilliseconds(700), finished.Single().Latency);
        Assert.Equal(1, orders.Counts()[OrderStatus.Confirmed]);
    }

    [Fact]
    public void Finished_orders_beyond_the_limit_are_forgotten_oldest_first_and_stay_counted()
    {
        for (var i = 0; i < LiveOrders.MaxFinishedOrders + 5; i++)
            orders.Apply([TestEvents.Projected(TestEvents.Placed("o-" + i)), TestEvents.Projected(new OrderRejected("o-" + i, "no"), i)]);
        orders.Apply([TestEvents.Projected(TestEvents.Placed("open"))]);

        Assert.False(orders.Knows("o-0"));
        Assert.True(orders.Knows("o-" + (LiveOrders.MaxFinishedOrders + 4)));
        Assert.True(orders.Knows("open"));
        Assert.Equal(LiveOrders.MaxFinishedOrders + 5, orders.Counts()[OrderStatus.Rejected]);
    }
}
