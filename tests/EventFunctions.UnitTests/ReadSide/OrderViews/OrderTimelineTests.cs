using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.UnitTests.ReadSide.OrderViews;

public class OrderTimelineTests
{
    private static ProjectedEvent Event(string id, string type, string emitter, int atMs, string? cause) =>
        new(id, type, "/eventfunctions/" + emitter, TestEvents.Now.AddMilliseconds(atMs), TestEvents.Now.AddMilliseconds(atMs + 30), cause, null);

    [Fact]
    public void Steps_are_in_creation_order_with_their_emitter_and_the_time_since_their_cause()
    {
        var timeline = OrderTimeline.Of("o-1",
        [
            Event("e3", "eventfunctions.PaymentCaptured", "process-payment", 900, "e2"),
            Event("e1", "eventfunctions.OrderPlaced", "http-api", 0, null),
            Event("e2", "eventfunctions.OrderValidated", "validate-order", 400, "e1"),
        ]);

        Assert.Equal(["e1", "e2", "e3"], timeline.Steps.Select(s => s.EventId));
        Assert.Equal(["http-api", "validate-order", "process-payment"], timeline.Steps.Select(s => s.Emitter));
        Assert.Equal([null, 400d, 500d], timeline.Steps.Select(s => s.StepMilliseconds));
        Assert.Equal(900d, timeline.ElapsedMilliseconds);
    }

    [Fact]
    public void A_step_whose_cause_is_not_in_the_view_yet_has_no_duration()
    {
        var timeline = OrderTimeline.Of("o-1", [Event("e2", "eventfunctions.OrderValidated", "validate-order", 400, "e1")]);

        Assert.Null(timeline.Steps.Single().StepMilliseconds);
        Assert.Null(timeline.ElapsedMilliseconds);
    }
}
