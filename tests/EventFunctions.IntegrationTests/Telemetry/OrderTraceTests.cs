using System.Diagnostics;
using EventFunctions.Contracts;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Messaging;
using EventFunctions.Orders.ValidateOrder;
using EventFunctions.Processing;
using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.IntegrationTests.Telemetry;

[Collection(TracedPipelineCollection.Name)]
public class OrderTraceTests(TracedPipelineFixture pipeline)
{
    /// <summary>The spans of the trace the order's OrderPlaced record carries, once <paramref name="until"/> holds for them.</summary>
    private async Task<IReadOnlyList<Activity>> TraceOfAsync(string orderId, Func<IReadOnlyList<Activity>, bool> until)
    {
        var placed = new KafkaProbe(pipeline.Pipeline.Kafka).ReadAll(Topics.OrdersPlaced).Single(r => KafkaProbe.Header(r, CloudEventHeaders.Subject) == orderId);
        var trace = ActivityTraceId.CreateFromString(KafkaProbe.Header(placed, TraceHeaders.TraceParent)!.Split('-')[1]);
        IReadOnlyList<Activity> spans = [];
        await Eventually.TrueAsync(() => until(spans = pipeline.Spans.In(trace)), PipelineFixture.Patience, $"the spans of order {orderId}");
        return spans;
    }

    private async Task<string> ConfirmedOrderAsync()
    {
        var (orderId, view) = await pipeline.FinishedOrderAsync("tracy");
        Assert.Equal(OrderStatus.Confirmed, view.Status);
        return orderId;
    }

    private static Activity Process(IReadOnlyList<Activity> spans, string topic, string group) =>
        spans.Single(s => s.DisplayName == $"process {topic}" && s.Kind == ActivityKind.Consumer
            && (string?)s.GetTagItem(MessagingSpans.ConsumerGroup) == group && s.GetTagItem(MessagingSpans.BatchCount) is null);

    [Fact]
    public async Task An_orders_spans_form_one_trace_from_the_POST_through_all_five_topics()
    {
        // Too many to reserve: charged, then refunded, so the order crosses all five topics.
        var (orderId, view) = await pipeline.FinishedOrderAsync("tracy", OrderValidation.MaxQuantity);
        Assert.Equal(OrderStatus.Cancelled, view.Status);

        var spans = await TraceOfAsync(orderId, s => s.Any(x => x.DisplayName == $"process {Topics.PaymentsRefunded}"));

        var post = spans.Single(s => s.Kind == ActivityKind.Server);
        Assert.Equal("POST /api/orders", post.DisplayName);
        Assert.Equal(default, post.ParentSpanId);
        // The causal chain, each hop a child of the span that created its event.
        var validate = Process(spans, Topics.OrdersPlaced, ConsumerGroups.ValidateOrder);
        var pay = Process(spans, Topics.OrdersValidated, ConsumerGroups.ProcessPayment);
        var reserve = Process(spans, Topics.PaymentsProcessed, ConsumerGroups.ReserveStock);
        var refund = Process(spans, Topics.StockOutcomes, ConsumerGroups.RefundPayment);
        Assert.Equal(post.SpanId, validate.ParentSpanId);
        Assert.Equal(validate.SpanId, pay.ParentSpanId);
        Assert.Equal(pay.SpanId, reserve.ParentSpanId);
        Assert.Equal(reserve.SpanId, refund.ParentSpanId);
        // The projection reads every topic: one process span per event, under the span that created it.
        var created = new Dictionary<string, Activity> { [Topics.OrdersPlaced] = post, [Topics.OrdersValidated] = validate, [Topics.PaymentsProcessed] = pay, [Topics.StockOutcomes] = reserve, [Topics.PaymentsRefunded] = refund };
        foreach (var (topic, creator) in created)
        {
            Assert.Equal(creator.SpanId, Process(spans, topic, ConsumerGroups.ProjectOrderView).ParentSpanId);
            // Produced once, in a send span under the same creator, tagged as the conventions say.
            var send = spans.Single(s => s.DisplayName == $"send {topic}" && s.Kind == ActivityKind.Producer);
            Assert.Equal(creator.SpanId, send.ParentSpanId);
            Assert.Equal(orderId, send.GetTagItem(MessagingSpans.Key));
            Assert.NotNull(send.GetTagItem(MessagingSpans.Partition));
            Assert.NotNull(send.GetTagItem(MessagingSpans.Offset));
        }
        Assert.All(spans.Where(s => s.Kind == ActivityKind.Consumer), s =>
        {
            Assert.Equal("kafka", s.GetTagItem(MessagingSpans.System));
            Assert.Equal(orderId, s.GetTagItem(MessagingSpans.Key));
            Assert.NotNull(s.GetTagItem(MessagingSpans.Partition));
            Assert.NotNull(s.GetTagItem(MessagingSpans.Offset));
        });
    }

    [Fact]
    public async Task Each_batch_span_links_to_the_records_it_processed_and_holds_the_Table_Storage_calls()
    {
        var orderId = await ConfirmedOrderAsync();
        var spans = await TraceOfAsync(orderId, s => s.Any(x => x.DisplayName == $"process {Topics.StockOutcomes}"));
        var validate = Process(spans, Topics.OrdersPlaced, ConsumerGroups.ValidateOrder);

        var batchContext = validate.Links.Single().Context;
        var batch = pipeline.Spans.In(batchContext.TraceId).Single(s => s.SpanId == batchContext.SpanId);

        Assert.Equal($"process {Topics.OrdersPlaced}", batch.DisplayName);
        Assert.Contains(batch.Links, l => l.Context.SpanId == validate.ParentSpanId);
        Assert.Equal(ConsumerGroups.ValidateOrder, batch.GetTagItem(MessagingSpans.ConsumerGroup));
        Assert.Contains(pipeline.Spans.In(batch.TraceId), s => s.Source.Name.StartsWith("Azure.", StringComparison.Ordinal) && s.ParentSpanId != default);
    }

    [Fact]
    public async Task A_redelivered_event_is_processed_again_in_its_trace_and_its_outbox_is_re_published_with_the_same_traceparent()
    {
        var orderId = await ConfirmedOrderAsync();
        var probe = new KafkaProbe(pipeline.Pipeline.Kafka);
        var validated = probe.ReadAll(Topics.OrdersValidated).Single(r => KafkaProbe.Header(r, CloudEventHeaders.Subject) == orderId);
        var captured = probe.ReadAll(Topics.PaymentsProcessed).Single(r => KafkaProbe.Header(r, CloudEventHeaders.Subject) == orderId);

        // The same record again, as a redelivery after a crash would hand it over.
        await probe.ProduceRawAsync(Topics.OrdersValidated, validated.Partition.Value, validated.Message.Key, validated.Message.Value,
            validated.Message.Headers.Select(h => (h.Key, (byte[]?)h.GetValueBytes())).ToArray());

        var spans = await TraceOfAsync(orderId, s => s.Count(x => x.DisplayName == $"process {Topics.OrdersValidated}"
            && (string?)x.GetTagItem(MessagingSpans.ConsumerGroup) == ConsumerGroups.ProcessPayment) == 2);
        var attempts = spans.Where(s => s.DisplayName == $"process {Topics.OrdersValidated}" && (string?)s.GetTagItem(MessagingSpans.ConsumerGroup) == ConsumerGroups.ProcessPayment).ToList();
        Assert.Single(attempts.Select(a => a.ParentSpanId).Distinct());
        Assert.Equal([RecordOutcomes.Duplicate, RecordOutcomes.Processed], attempts.Select(a => (string)a.GetTagItem(MessagingSpans.Outcome)!).Order());

        List<string?> copies = [];
        await Eventually.TrueAsync(() => (copies = probe.ReadAll(Topics.PaymentsProcessed)
            .Where(r => KafkaProbe.Header(r, CloudEventHeaders.Subject) == orderId).Select(r => KafkaProbe.Header(r, TraceHeaders.TraceParent)).ToList()).Count == 2,
            PipelineFixture.Patience, "the stored PaymentCaptured re-published");
        Assert.All(copies, c => Assert.Equal(KafkaProbe.Header(captured, TraceHeaders.TraceParent), c));
        Assert.Single(await pipeline.LedgerAsync(orderId));
    }
}
