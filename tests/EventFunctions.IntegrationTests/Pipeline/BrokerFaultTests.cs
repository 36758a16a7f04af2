using System.Net;
using System.Net.Http.Json;
using Confluent.Kafka;
using EventFunctions.EmbeddedKafka;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.TestKit;

namespace EventFunctions.IntegrationTests.Pipeline;

/// <summary>Broker faults injected into the embedded cluster: produce errors and a broker that goes away.</summary>
[Collection(PipelineCollection.Name)]
[Trait("Category", "Integration")]
public sealed class BrokerFaultTests(PipelineFixture pipeline)
{
    private EmbeddedKafkaCluster Cluster => pipeline.Pipeline.Cluster!;

    [Fact]
    public async Task Produce_errors_are_retried_without_losing_or_duplicating_effects()
    {
        var sku = TestIds.Sku("fault");
        await pipeline.StockAsync(sku, 5, 1m);
        Cluster.PushRequestErrors(KafkaApiKeys.Produce,
            ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut, ErrorCode.NotEnoughReplicas, ErrorCode.RequestTimedOut);

        var orderId = await pipeline.PlaceAsync(TestIds.Order("fault"), "ivy", "tok_visa", (sku, 2));

        Assert.Equal(OrderStatus.Confirmed, (await pipeline.FinalViewAsync(orderId)).Status);
        Assert.Single(await pipeline.LedgerAsync(orderId));
        Assert.Equal(3, await pipeline.AvailableAsync(sku));
    }

    [Fact]
    public async Task Orders_placed_while_a_broker_is_down_complete_once_it_is_back()
    {
        var sku = TestIds.Sku("down");
        await pipeline.StockAsync(sku, 50, 1m);
        var orders = Enumerable.Range(0, 8).Select(i => TestIds.Order($"down-{i}")).ToList();

        Cluster.SetBrokerDown(2);
        Task<string[]> placing;
        try
        {
            placing = Task.WhenAll(orders.Select(id => PlaceUntilAcceptedAsync(TestOrders.Place(id).By("jay").Line(sku, 1).Build())));
            // The fault's duration, not a wait for an outcome: partitions led by broker 2 are unreachable meanwhile.
            await Task.Delay(TimeSpan.FromSeconds(2));
        }
        finally
        {
            Cluster.SetBrokerUp(2);
        }
        await placing;

        foreach (var order in orders)
        {
            Assert.Equal(OrderStatus.Confirmed, (await pipeline.FinalViewAsync(order)).Status);
            Assert.Single(await pipeline.LedgerAsync(order));
        }
        Assert.Equal(50 - orders.Count, await pipeline.AvailableAsync(sku));
    }

    [Fact]
    public async Task While_no_broker_answers_an_order_is_refused_with_retry_after_in_seconds_and_the_same_request_later_places_it_once()
    {
        var sku = TestIds.Sku("nokafka");
        await pipeline.StockAsync(sku, 5, 1m);
        var order = TestOrders.Place(TestIds.Order("nokafka")).By("kim").Line(sku, 1).Build();

        foreach (var broker in Enumerable.Range(1, Cluster.BrokerCount)) Cluster.SetBrokerDown(broker);
        HttpResponseMessage refused;
        string health;
        try
        {
            // Well under the producer's 30 s message timeout: the API must answer before it.
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            refused = await pipeline.Http.PostAsJsonAsync("/api/orders", order, patience.Token);
            health = await pipeline.Http.GetStringAsync("/api/health");
        }
        finally
        {
            foreach (var broker in Enumerable.Range(1, Cluster.BrokerCount)) Cluster.SetBrokerUp(broker);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.NotNull(refused.Headers.RetryAfter);
        Assert.Contains("Kafka", await refused.Content.ReadAsStringAsync());
        Assert.Contains(Orders.Intake.OrdersApi.Emitter, health);
        Assert.Contains("Kafka", health);

        HttpResponseMessage accepted = null!;
        await Eventually.TrueAsync(async () => (accepted = await pipeline.Http.PostAsJsonAsync("/api/orders", order)).StatusCode == HttpStatusCode.Accepted,
            PipelineFixture.Patience, "the same request accepted once Kafka is back");
        Assert.Equal(OrderStatus.Confirmed, (await pipeline.FinalViewAsync(order.OrderId!)).Status);
        Assert.Single(await pipeline.LedgerAsync(order.OrderId!));
        Assert.Equal(4, await pipeline.AvailableAsync(sku));
    }

    /// <summary>
    /// Posts <paramref name="order"/> as a client of the API does: an order whose acknowledgement took longer than the
    /// API waits (a produce in flight to the broker that went down waits out its request) is answered 503, and the
    /// same request again is the same order.
    /// </summary>
    private async Task<string> PlaceUntilAcceptedAsync(Orders.Intake.PlaceOrderRequest order)
    {
        await Eventually.TrueAsync(async () => (await pipeline.Http.PostAsJsonAsync("/api/orders", order)).StatusCode == HttpStatusCode.Accepted,
            PipelineFixture.Patience, $"order {order.OrderId} accepted");
        return order.OrderId!;
    }
}
