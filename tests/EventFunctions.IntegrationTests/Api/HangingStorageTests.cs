using System.Net;
using System.Net.Http.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.LocalHost;
using EventFunctions.Orders.Intake;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.Storage;

namespace EventFunctions.IntegrationTests.Api;

/// <summary>
/// Table Storage that hangs rather than refuses, while the API claims an order id: the client is told in seconds to
/// come back, not held through every retry of the SDK, and the same request once storage answers places the order.
/// </summary>
[Trait("Category", "Integration")]
public sealed class HangingStorageTests(HangingStorageTests.Fixture pipeline) : IClassFixture<HangingStorageTests.Fixture>
{
    [Fact]
    public async Task A_claim_storage_does_not_answer_is_refused_with_retry_after_in_seconds_and_the_same_request_later_places_the_order()
    {
        var sku = "hang-" + Guid.NewGuid().ToString("N")[..8];
        await pipeline.StockAsync(sku, 5, 1m);
        var order = new PlaceOrderRequest("hang-" + Guid.NewGuid().ToString("N")[..8], "hugo", [new OrderLineRequest(sku, 1)], "tok_visa");

        HttpResponseMessage refused;
        using (pipeline.Hang.Claims())
        {
            // Far under the minutes the SDK's retries of a hanging request would take.
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            refused = await pipeline.Http.PostAsJsonAsync("/api/orders", order, patience.Token);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("Table Storage", await refused.Content.ReadAsStringAsync());
        HttpResponseMessage accepted = null!;
        await Eventually.TrueAsync(async () => (accepted = await pipeline.Http.PostAsJsonAsync("/api/orders", order)).StatusCode == HttpStatusCode.Accepted,
            PipelineFixture.Patience, "the same request accepted once storage answers");
        Assert.Equal(OrderStatus.Confirmed, (await pipeline.FinalViewAsync(order.OrderId!)).Status);
        Assert.Equal(4, await pipeline.AvailableAsync(sku));
    }

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
