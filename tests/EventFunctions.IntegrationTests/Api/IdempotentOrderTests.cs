using System.Net;
using System.Net.Http.Json;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Orders.Intake;
using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.IntegrationTests.Api;

/// <summary>An order id is an idempotency key: the same request again is the same order; other content under it is a conflict.</summary>
[Collection(PipelineCollection.Name)]
[Trait("Category", "Integration")]
public sealed class IdempotentOrderTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task The_same_request_again_is_answered_as_the_first_and_other_content_is_409()
    {
        var orderId = TestIds.Order("idem");
        await pipeline.StockAsync("idem-pen", 100, 1m);
        var request = TestOrders.Place(orderId).By("victim").Line("idem-pen", 1).Build();

        var first = await pipeline.Http.PostAsJsonAsync("/api/orders", request);
        var again = await pipeline.Http.PostAsJsonAsync("/api/orders", request);
        var other = await pipeline.Http.PostAsJsonAsync("/api/orders", request with { CustomerId = "mallory" });

        Assert.Equal((HttpStatusCode.Accepted, HttpStatusCode.Accepted), (first.StatusCode, again.StatusCode));
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal(HttpStatusCode.Conflict, other.StatusCode);
        Assert.Equal("application/problem+json", other.Content.Headers.ContentType?.MediaType);
        Assert.Contains("already used with different content", await other.Content.ReadAsStringAsync());
        Assert.Equal("victim", (await pipeline.FinalViewAsync(orderId)).CustomerId);
    }

    [Fact]
    public async Task Two_hundred_concurrent_posts_of_one_id_from_different_customers_make_one_order_listed_under_its_customer_only()
    {
        var orderId = TestIds.Order("race");
        await pipeline.StockAsync("race-pen", 1000, 1m);
        var customers = Enumerable.Range(0, 200).Select(i => $"racer-{orderId}-{i}").ToList();

        var responses = await Task.WhenAll(customers.Select(async c =>
            (Customer: c, (await pipeline.Http.PostAsJsonAsync("/api/orders", TestOrders.Place(orderId).By(c).Line("race-pen", 1).Build())).StatusCode)));

        var winner = Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Accepted).Customer;
        Assert.All(responses.Where(r => r.Customer != winner), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        var view = await pipeline.FinalViewAsync(orderId);
        Assert.Equal((winner, OrderStatus.Confirmed), (view.CustomerId, view.Status));
        foreach (var customer in customers)
        {
            var listed = await pipeline.Http.GetFromJsonAsync<List<OrderView>>($"/api/customers/{customer}/orders", OrdersApi.Json);
            Assert.Equal(customer == winner ? [orderId] : [], listed!.Select(v => v.OrderId));
        }
    }
}
