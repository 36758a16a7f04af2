using System.Text;
using EventFunctions.Contracts;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Processing.Lineage;
using Microsoft.Extensions.DependencyInjection;

namespace EventFunctions.IntegrationTests.EventContracts;

/// <summary>Lineage takes an old record as its re-emission only for the same data: a v1 record altered under a real id is refused.</summary>
[Trait("Category", "Integration")]
public sealed class OldRecordForgeryTests(FixtureReplayTests.FreshPipeline pipeline) : IClassFixture<FixtureReplayTests.FreshPipeline>
{
    private static readonly RecordsFixture V1 = RecordsFixture.V1;

    [Fact]
    public async Task A_v1_record_under_a_real_event_id_with_other_content_is_still_refused()
    {
        var original = V1.Records.First(r => r.Topic == Topics.PaymentsProcessed && r.Key == "v1-confirmed");
        await Replay_order_placed_of(original.Key);
        var forged = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(original.ValueBytes).Replace("\"amount\":5.00", "\"amount\":0.01"));
        Assert.NotEqual(original.ValueBytes, forged);

        var probe = new KafkaProbe(pipeline.Pipeline.Kafka);
        await (original with { Value = Convert.ToBase64String(forged) }).ProduceAsync(probe);

        await Eventually.TrueAsync(() => pipeline.DeadLettersOf(original.Key).Count > 0, PipelineFixture.Patience, "the forged record is dead-lettered");
        var letter = pipeline.DeadLettersOf(original.Key).First();
        Assert.Contains("it is not what process-payment emitted", KafkaProbe.Header(letter, "dlq_reason"));
        var view = await pipeline.FinalViewAsync(original.Key);
        Assert.Equal((ReadSide.OrderViews.OrderStatus.Confirmed, 5.00m), (view.Status, view.Total));
    }

    /// <summary>The fixture's OrderPlaced of one order, claimed and produced: today's code takes it to its end.</summary>
    private async Task Replay_order_placed_of(string orderId)
    {
        var order = V1.Orders.Single(o => o.OrderId == orderId);
        foreach (var sku in V1.Catalogue) await pipeline.StockAsync(sku.Sku, sku.Quantity, sku.UnitPrice);
        await pipeline.Pipeline.Services.GetRequiredService<IOrderRequests>().ClaimAsync(orderId, new OrderClaim(order.Fingerprint, Deferred: false), CancellationToken.None);
        var placed = V1.Records.Single(r => r.Topic == Topics.OrdersPlaced && r.Key == orderId);
        await placed.ProduceAsync(new KafkaProbe(pipeline.Pipeline.Kafka));
        await pipeline.FinalViewAsync(orderId);
    }
}
