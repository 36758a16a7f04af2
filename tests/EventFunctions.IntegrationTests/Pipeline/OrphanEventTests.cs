using System.Net;
using System.Text;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Messaging;
using EventFunctions.Processing;
using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.IntegrationTests.Pipeline;

/// <summary>
/// Only the pipeline's own events act. Events produced by hand, well formed and signed as the right writer with the
/// right derived id, are still orphans when no record of the pipeline shows them: they are dead-lettered by every
/// function that reads them, with the reason, and change no stock, ledger or view.
/// </summary>
[Collection(PipelineCollection.Name)]
[Trait("Category", "Integration")]
public sealed class OrphanEventTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task An_order_placed_on_Kafka_that_the_API_never_accepted_is_dead_lettered_and_shows_nowhere()
    {
        var orderId = TestIds.Order("forged");
        var placed = new OrderPlaced(orderId, "mallory", [new OrderLine("pen", 1)], "tok_visa");

        await ProduceAsync(new EventEnvelope(DeterministicId.For("http-api", orderId), Provenance.SourceOf("http-api"), DateTimeOffset.UtcNow, null, placed));

        var letters = await DeadLettersAsync(orderId, ConsumerGroups.ValidateOrder, ConsumerGroups.ProjectOrderView);
        Assert.All(letters, l => Assert.Equal($"not an event of the pipeline: order {orderId} was never accepted by the API", KafkaProbe.Header(l, DeadLetters.Reason)));
        Assert.Equal(HttpStatusCode.NotFound, (await pipeline.Http.GetAsync($"/api/orders/{orderId}")).StatusCode);
        Assert.DoesNotContain(orderId, await pipeline.Http.GetStringAsync("/api/customers/mallory/orders"));
    }

    [Fact]
    public async Task A_lone_PaymentCaptured_takes_no_stock_and_makes_no_view()
    {
        var sku = TestIds.Sku("orphan");
        await pipeline.StockAsync(sku, 5, 1m);
        var orderId = TestIds.Order("lone");
        var cause = DeterministicId.For("made-up", orderId);

        await ProduceAsync(new EventEnvelope(DeterministicId.For(ConsumerGroups.ProcessPayment, cause), Provenance.SourceOf(ConsumerGroups.ProcessPayment),
            DateTimeOffset.UtcNow, cause, new PaymentCaptured(orderId, "ch_forged", 5m, [new OrderLine(sku, 3)])));

        var letters = await DeadLettersAsync(orderId, ConsumerGroups.ReserveStock, ConsumerGroups.ProjectOrderView);
        Assert.All(letters, l => Assert.Equal($"not an event of the pipeline: its cause {cause} was never processed by process-payment", KafkaProbe.Header(l, DeadLetters.Reason)));
        Assert.Equal(5, await pipeline.AvailableAsync(sku));
        Assert.Equal(HttpStatusCode.NotFound, (await pipeline.Http.GetAsync($"/api/orders/{orderId}")).StatusCode);
    }

    [Fact]
    public async Task A_real_event_altered_on_its_way_changes_nothing()
    {
        var sku = TestIds.Sku("altered");
        await pipeline.StockAsync(sku, 5, 2m);
        var orderId = await pipeline.PlaceAsync(TestIds.Order("altered"), "olga", "tok_visa", (sku, 1));
        Assert.Equal(OrderStatus.Confirmed, (await pipeline.FinalViewAsync(orderId)).Status);
        var probe = new KafkaProbe(pipeline.Pipeline.Kafka);
        var captured = probe.ReadAll(Topics.PaymentsProcessed).Single(r => Encoding.UTF8.GetString(r.Message.Key) == orderId);

        // The same headers (id, source, cause), a payment five times larger.
        var altered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(captured.Message.Value).Replace("\"quantity\":1", "\"quantity\":5"));
        await probe.ProduceAsync(Topics.PaymentsProcessed, orderId, altered,
            captured.Message.Headers.Select(h => (h.Key, Encoding.UTF8.GetString(h.GetValueBytes()))).ToArray());

        // The view, which keeps no inbox, checks the copy against what ProcessPayment emitted. ReserveStock dead-letters
        // it likewise, or, if it looks for processed events first, finds that id processed and re-publishes what it stored.
        var letters = await DeadLettersAsync(orderId, ConsumerGroups.ProjectOrderView);
        Assert.All(letters, l => Assert.StartsWith("not an event of the pipeline: it is not what process-payment emitted", KafkaProbe.Header(l, DeadLetters.Reason)));
        Assert.Equal(4, await pipeline.AvailableAsync(sku));
        Assert.Equal(OrderStatus.Confirmed, (await pipeline.FinalViewAsync(orderId)).Status);
    }

    private async Task ProduceAsync(EventEnvelope envelope)
    {
        var record = EventCodec.Encode(envelope);
        await new KafkaProbe(pipeline.Pipeline.Kafka).ProduceAsync(record.Topic, envelope.Subject, record.Value!, record.Headers.Select(h => (h.Key, h.ValueAsText)).ToArray());
    }

    /// <summary>Waits until each of <paramref name="groups"/> has dead-lettered the order's record, and returns those letters.</summary>
    private async Task<List<Confluent.Kafka.ConsumeResult<byte[], byte[]>>> DeadLettersAsync(string orderId, params string[] groups)
    {
        List<Confluent.Kafka.ConsumeResult<byte[], byte[]>> letters = [];
        await Eventually.TrueAsync(() =>
        {
            letters = pipeline.DeadLettersOf(orderId).ToList();
            return Task.FromResult(groups.All(g => letters.Any(l => KafkaProbe.Header(l, DeadLetters.Consumer) == g)));
        }, PipelineFixture.Patience, $"{string.Join(" and ", groups)} dead-lettered {orderId}");
        return letters;
    }

}
