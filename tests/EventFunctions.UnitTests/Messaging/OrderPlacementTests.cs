using EventFunctions.Messaging;

namespace EventFunctions.UnitTests.Messaging;

public class OrderPlacementTests
{
    private static readonly OrderPlaced Order = TestEvents.Placed("o-1", new OrderLine("sku-a", 2));

    [Fact]
    public void A_placement_is_deferred_only_under_the_id_made_from_its_own_content()
    {
        Assert.True(OrderPlacement.IsDeferred(TestEvents.Envelope(Order, OrderPlacement.DeferredId("o-1", OrderFingerprint.Of(Order)))));

        Assert.False(OrderPlacement.IsDeferred(TestEvents.Envelope(Order, OrderPlacement.ClaimedId("o-1"))));
        Assert.False(OrderPlacement.IsDeferred(TestEvents.Envelope(Order, Guid.NewGuid().ToString())));
        // Another body under a deferred id: not what the API made, so not deferred.
        var other = Order with { Lines = [new OrderLine("sku-b", 1)] };
        Assert.False(OrderPlacement.IsDeferred(TestEvents.Envelope(other, OrderPlacement.DeferredId("o-1", OrderFingerprint.Of(Order)))));
    }

    [Fact]
    public void Two_bodies_deferred_under_one_order_id_are_two_events_and_one_body_twice_is_one()
    {
        var other = Order with { CustomerId = "c-2" };

        Assert.NotEqual(OrderPlacement.DeferredId("o-1", OrderFingerprint.Of(Order)), OrderPlacement.DeferredId("o-1", OrderFingerprint.Of(other)));
        Assert.Equal(OrderPlacement.DeferredId("o-1", OrderFingerprint.Of(Order)), OrderPlacement.DeferredId("o-1", OrderFingerprint.Of(Order with { })));
        Assert.NotEqual(OrderPlacement.ClaimedId("o-1"), OrderPlacement.DeferredId("o-1", OrderFingerprint.Of(Order)));
    }

    [Fact]
    public void A_deferred_placement_is_still_deferred_when_a_consumer_decodes_its_record()
    {
        var deferred = TestEvents.Envelope(Order, OrderPlacement.DeferredId("o-1", OrderFingerprint.Of(Order)));

        Assert.True(OrderPlacement.IsDeferred(EventFunctions.Messaging.EventCodec.Decode(TestEvents.Record(deferred))));
    }
}
