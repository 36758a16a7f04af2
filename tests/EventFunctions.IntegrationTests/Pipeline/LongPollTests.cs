using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Orders.Intake;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.TestKit;

namespace EventFunctions.IntegrationTests.Pipeline;

/// <summary>Reading the view without a polling loop: one request that answers when the order changes or ends.</summary>
[Collection(PipelineCollection.Name)]
[Trait("Category", "Integration")]
public sealed class LongPollTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task One_request_waiting_for_the_final_status_answers_with_it()
    {
        var sku = TestIds.Sku("poll");
        await pipeline.StockAsync(sku, 3, 1.25m);
        var orderId = await pipeline.PlaceAsync(TestIds.Order("poll-order"), "polly", "tok_visa", (sku, 2));

        var view = await pipeline.Http.GetFromJsonAsync<OrderView>($"/api/orders/{orderId}?waitFor=final&waitSeconds=50", OrdersApi.Json);

        Assert.Equal(OrderStatus.Confirmed, view!.Status);
        Assert.Equal(4, view.Version);
    }

    [Fact]
    public async Task A_wait_that_nothing_ends_answers_with_the_view_as_it_is_at_the_deadline()
    {
        // A rejected order has exactly two events, OrderPlaced and OrderRejected, which may reach the view in either order.
        var orderId = await pipeline.PlaceAsync(TestIds.Order("poll-rejected"), "polly", "tok_visa", ("poll-ghost", 1));
        var complete = await pipeline.Http.GetFromJsonAsync<OrderView>($"/api/orders/{orderId}?afterVersion=1&waitSeconds=50", OrdersApi.Json);
        Assert.Equal((OrderStatus.Rejected, 2), (complete!.Status, complete.Version));
        var clock = Stopwatch.StartNew();

        var view = await pipeline.Http.GetFromJsonAsync<OrderView>($"/api/orders/{orderId}?afterVersion=2&waitSeconds=1", OrdersApi.Json);

        Assert.Equal(2, view!.Version);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task An_unknown_wait_condition_is_a_bad_request_naming_it()
    {
        var response = await pipeline.Http.GetAsync("/api/orders/any?waitFor=shipped");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"waitFor\"", await response.Content.ReadAsStringAsync());
    }
}
