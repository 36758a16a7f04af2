using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.LocalHost;
using EventFunctions.Orders.Intake;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.Storage;
using EventFunctions.TestKit;

namespace EventFunctions.IntegrationTests.Api;

/// <summary>
/// Table Storage that hangs rather than refuses, while the API claims order ids: intake goes on through Kafka, each
/// order accepted in seconds with its claim deferred to ValidateOrder, and of two bodies placed under one order id the
/// first in the log is the order while the other ends Rejected, in no view or list of the order.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HangingStorageTests(HangingStorageTests.Fixture pipeline) : IClassFixture<HangingStorageTests.Fixture>
{
    [Fact]
    public async Task Orders_are_accepted_while_claims_hang_and_of_two_bodies_for_one_id_the_later_in_the_log_ends_rejected()
    {
        var sku = TestIds.Sku("hang");
        await pipeline.StockAsync(sku, 5, 1m);
        var orderId = TestIds.Order("hang");
        var (ann, bob) = ("ann-" + orderId, "bob-" + orderId);
        var first = new PlaceOrderRequest(orderId, ann, [new OrderLineRequest(sku, 1)], "tok_visa");
        var second = first with { CustomerId = bob, Lines = [new OrderLineRequest(sku, 2)] };

        HttpResponseMessage firstAccepted, secondAccepted, again;
        string health;
        using (pipeline.Hang.Claims())
        {
            // Far under the minutes the SDK's retries of a hanging request would take.
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            firstAccepted = await pipeline.Http.PostAsJsonAsync("/api/orders", first, patience.Token);
            secondAccepted = await pipeline.Http.PostAsJsonAsync("/api/orders", second, patience.Token);
            again = await pipeline.Http.PostAsJsonAsync("/api/orders", first, patience.Token);
            health = await pipeline.Http.GetStringAsync("/api/health", patience.Token);
        }

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted],
            new[] { firstAccepted.StatusCode, secondAccepted.StatusCode, again.StatusCode });
        var (firstPlacement, secondPlacement) = (await PlacementAsync(firstAccepted), await PlacementAsync(secondAccepted));
        Assert.NotEqual(firstPlacement, secondPlacement);
        // The same body again is the same placement, taken once.
        Assert.Equal(firstPlacement, await PlacementAsync(again));
        Assert.Equal($"/api/orders/{orderId}?placement={secondPlacement}", secondAccepted.Headers.Location?.OriginalString);
        // Health names what the API went without while it did.
        Assert.Contains("Table Storage", health);

        var order = await pipeline.FinalViewAtAsync(firstAccepted.Headers.Location!.OriginalString);
        var lost = await pipeline.FinalViewAtAsync(secondAccepted.Headers.Location!.OriginalString);
        Assert.Equal((OrderStatus.Rejected, "orderId already used with different content", bob), (lost.Status, lost.Reason, lost.CustomerId));
        // The order is the first body's everywhere: its view, its customer's list, and no one else's.
        Assert.Equal((OrderStatus.Confirmed, ann), ((await pipeline.FinalViewAsync(orderId)).Status, (await pipeline.FinalViewAsync(orderId)).CustomerId));
        Assert.Contains(await OrdersOfAsync(ann), v => v.OrderId == orderId);
        Assert.DoesNotContain(await OrdersOfAsync(bob), v => v.OrderId == orderId);
        Assert.Equal(4, await pipeline.AvailableAsync(sku));
        // ValidateOrder claimed the id for the first body: now that it can be checked, another body is refused at once.
        var third = await pipeline.Http.PostAsJsonAsync("/api/orders", first with { Lines = [new OrderLineRequest(sku, 3)] });
        Assert.Equal(HttpStatusCode.Conflict, third.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await pipeline.Http.PostAsJsonAsync("/api/orders", first)).StatusCode);
    }

    private static async Task<string> PlacementAsync(HttpResponseMessage accepted)
    {
        var body = await accepted.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("deferred", body.GetProperty("claim").GetString());
        return body.GetProperty("placementId").GetString()!;
    }

    private async Task<List<OrderView>> OrdersOfAsync(string customerId) =>
        (await pipeline.Http.GetFromJsonAsync<List<OrderView>>($"/api/customers/{customerId}/orders", OrdersApi.Json))!;

    /// <summary>A pipeline whose requests to the API's claims table can be made to hang.</summary>
    public sealed class Fixture : PipelineFixture
    {
        public HangingClaims Hang { get; } = new();

        protected override LocalPipelineOptions Options(LocalPipelineOptions options) =>
            options with { ConfigureTables = tables => tables.AddPolicy(Hang, HttpPipelinePosition.PerRetry) };
    }

    /// <summary>Holds every request to the OrderRequests table for a minute while switched on: storage that hangs.</summary>
    public sealed class HangingClaims : HttpPipelinePolicy
    {
        private volatile bool hanging;

        public IDisposable Claims()
        {
            hanging = true;
            return new Release(this);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            if (hanging && message.Request.Uri.Path.Contains(TableStorage.OrderRequests, StringComparison.Ordinal))
                await Task.Delay(TimeSpan.FromMinutes(1), message.CancellationToken);
            await ProcessNextAsync(message, pipeline);
        }

        private sealed class Release(HangingClaims policy) : IDisposable
        {
            public void Dispose() => policy.hanging = false;
        }
    }
}
