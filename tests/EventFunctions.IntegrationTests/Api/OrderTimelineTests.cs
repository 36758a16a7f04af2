using System.Net;
using System.Net.Http.Json;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Orders.Intake;
using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.IntegrationTests.Api;

[Collection(PipelineCollection.Name)]
public class OrderTimelineTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task An_orders_timeline_lists_its_events_with_their_emitters_and_how_long_each_step_took()
    {
        var (orderId, _) = await pipeline.FinishedOrderAsync("tim");

        var timeline = (await pipeline.Http.GetFromJsonAsync<OrderTimeline>($"/api/orders/{orderId}/timeline", OrdersApi.Json))!;

        Assert.Equal(["eventfunctions.OrderPlaced", "eventfunctions.OrderValidated", "eventfunctions.PaymentCaptured", "eventfunctions.StockReserved"],
            timeline.Steps.Select(s => s.Type));
        Assert.Equal(["http-api", "validate-order", "process-payment", "reserve-stock"], timeline.Steps.Select(s => s.Emitter));
        Assert.Null(timeline.Steps[0].StepMilliseconds);
        Assert.All(timeline.Steps.Skip(1), s => Assert.True(s.StepMilliseconds >= 0));
        Assert.All(timeline.Steps, s => Assert.True(s.ProjectedAt >= s.Time));
        // Within a microsecond: the steps' sum and the span are computed apart, and rounding both to 3 places can split a .5.
        Assert.Equal(timeline.Steps.Skip(1).Sum(s => s.StepMilliseconds)!.Value, timeline.ElapsedMilliseconds!.Value, tolerance: 0.001);
    }

    [Fact]
    public async Task The_timeline_of_an_unknown_order_is_not_found_and_of_an_invalid_id_a_bad_request()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await pipeline.Http.GetAsync("/api/orders/never-placed/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await pipeline.Http.GetAsync("/api/orders/bad%20id/timeline")).StatusCode);
    }
}
