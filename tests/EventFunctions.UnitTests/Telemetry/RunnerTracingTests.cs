using System.Diagnostics;
using System.Diagnostics.Metrics;
using EventFunctions.Messaging;
using EventFunctions.Processing;
using EventFunctions.Telemetry;
using EventFunctions.UnitTests.Processing;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventFunctions.UnitTests.Telemetry;

public class RunnerTracingTests
{
    private readonly RunnerPorts ports = new();

    /// <summary>An OrderPlaced record as the API writes it: in the context of the request's span.</summary>
    private static (IncomingRecord Record, ActivityContext Context) PlacedInATrace(string orderId, long offset = 7)
    {
        var context = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        var encoded = EventCodec.Encode(TestEvents.Envelope(TestEvents.Placed(orderId)), context);
        return (new IncomingRecord(encoded.Topic, 3, offset, encoded.Key, encoded.Value, encoded.Headers), context);
    }

    [Fact]
    public async Task A_record_is_processed_in_a_span_of_its_orders_trace_and_the_events_it_causes_carry_that_span()
    {
        using var spans = new RecordedSpans();
        var (record, context) = PlacedInATrace("o-trace");

        await ports.Runner().RunAsync([record], CancellationToken.None);

        var process = spans.In(context.TraceId).Single(a => a.Kind == ActivityKind.Consumer && a.ParentSpanId == context.SpanId);
        Assert.Equal("process orders.placed", process.DisplayName);
        Assert.Equal("kafka", process.GetTagItem(MessagingSpans.System));
        Assert.Equal(ConsumerGroups.ValidateOrder, process.GetTagItem(MessagingSpans.ConsumerGroup));
        Assert.Equal("orders.placed", process.GetTagItem(MessagingSpans.Destination));
        Assert.Equal("3", process.GetTagItem(MessagingSpans.Partition));
        Assert.Equal(7L, process.GetTagItem(MessagingSpans.Offset));
        Assert.Equal("o-trace", process.GetTagItem(MessagingSpans.Key));
        Assert.Equal(RecordOutcomes.Processed, process.GetTagItem(MessagingSpans.Outcome));

        var emitted = TraceHeaders.Read(ports.Published.Single(r => r.Topic == Topics.OrdersValidated).Headers);
        Assert.Equal((context.TraceId, process.SpanId), (emitted.TraceId, emitted.SpanId));
    }

    [Fact]
    public async Task The_batch_span_links_to_every_records_context()
    {
        using var spans = new RecordedSpans();
        var first = PlacedInATrace("o-link-1", 1);
        var second = PlacedInATrace("o-link-2", 2);

        ActivitySpanId invocation;
        using (var parent = new Activity("the Functions host's invocation").Start())
        {
            invocation = parent.SpanId;
            await ports.Runner().RunAsync([first.Record, second.Record], CancellationToken.None);
        }

        var linked = spans.In(first.Context.TraceId).Single(a => a.ParentSpanId == first.Context.SpanId).Links.Single().Context;
        var batch = spans.In(linked.TraceId).Single(a => a.SpanId == linked.SpanId);
        Assert.Equal("process orders.placed", batch.DisplayName);
        Assert.Equal(invocation, batch.ParentSpanId);
        Assert.Equal(
            new[] { first.Context, second.Context }.Select(c => c.SpanId.ToHexString()).Order(),
            batch.Links.Select(l => l.Context.SpanId.ToHexString()).Order());
    }

    [Fact]
    public async Task A_redelivered_event_is_processed_in_the_same_trace_and_re_publishes_its_stored_outbox_unchanged()
    {
        using var spans = new RecordedSpans();
        var (record, context) = PlacedInATrace("o-again");
        await ports.Runner().RunAsync([record], CancellationToken.None);
        var stored = ports.Published.Single(r => r.Topic == Topics.OrdersValidated);
        ports.Store.Setup(s => s.FindProcessedAsync(ports.Function.Object, It.IsAny<IReadOnlyList<EventEnvelope>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, IReadOnlyList<OutgoingRecord>> { [EventCodec.Decode(record).Id] = [stored] });
        ports.Published.Clear();

        await ports.Runner().RunAsync([record with { Offset = 8 }], CancellationToken.None);

        var attempts = spans.In(context.TraceId).Where(a => a.ParentSpanId == context.SpanId).ToList();
        Assert.Equal([RecordOutcomes.Processed, RecordOutcomes.Duplicate], attempts.Select(a => a.GetTagItem(MessagingSpans.Outcome)));
        Assert.Same(stored, ports.Published.Single());
    }

    [Fact]
    public async Task With_no_one_recording_the_events_caused_carry_the_context_their_cause_came_with()
    {
        var (record, context) = PlacedInATrace("o-unrecorded");

        await ports.Runner().RunAsync([record], CancellationToken.None);

        Assert.Equal(context.TraceId, TraceHeaders.Read(ports.Published.Single().Headers).TraceId);
    }

    /// <summary>What the pipeline's meter records while <paramref name="act"/> runs a runner built on it.</summary>
    private async Task<List<(string Instrument, long Value, Dictionary<string, object?> Tags)>> CountedAsync(Func<EventFunctionRunner, Task> act)
    {
        var meters = TestEvents.Meters();
        var counted = new List<(string Instrument, long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        // Only this test's meter: the factory gives each test its own instance of the pipeline's meter.
        listener.InstrumentPublished = (instrument, l) => { if (instrument.Meter.Name == PipelineTelemetry.Name && instrument.Meter.Scope == meters) l.EnableMeasurementEvents(instrument); };
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => counted.Add((i.Name, v, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => counted.Add((i.Name, v, tags.ToArray().ToDictionary(t => t.Key, t => t.Value))));
        listener.Start();
        await act(new EventFunctionRunner(ports.Function.Object, ports.Store.Object, ports.Publisher.Object, ports.Lineage.Object, TestEvents.Keys(),
            TestEvents.Clock(), new PipelineMetrics(meters), NullLogger<EventFunctionRunner>.Instance));
        return counted;
    }

    private static List<(string Function, string Outcome)> Outcomes(IEnumerable<(string Instrument, long Value, Dictionary<string, object?> Tags)> counted) =>
        counted.Where(c => c.Instrument == "eventfunctions.events").Select(c => ((string)c.Tags["function"]!, (string)c.Tags["outcome"]!)).Order().ToList();

    [Fact]
    public async Task Outcomes_and_batches_are_counted_by_function()
    {
        var poison = new IncomingRecord(Topics.OrdersPlaced, 0, 9, "o-x"u8.ToArray(), "{}"u8.ToArray(), []);
        var validated = TestEvents.Record(TestEvents.Envelope(TestEvents.Validated("o-y")));

        var counted = await CountedAsync(runner => runner.RunAsync([PlacedInATrace("o-counted").Record, poison, validated], CancellationToken.None));

        Assert.Equal([(ConsumerGroups.ValidateOrder, RecordOutcomes.Ignored), (ConsumerGroups.ValidateOrder, RecordOutcomes.Poison), (ConsumerGroups.ValidateOrder, RecordOutcomes.Processed)], Outcomes(counted));
        Assert.Equal(("eventfunctions.dead_letters", 1L, Topics.OrdersPlaced), counted.Where(c => c.Instrument == "eventfunctions.dead_letters").Select(c => (c.Instrument, c.Value, (string)c.Tags["topic"]!)).Single());
        Assert.Equal(3L, counted.Single(c => c.Instrument == "eventfunctions.batch.size").Value);
    }

    [Fact]
    public async Task An_event_the_store_finds_committed_already_is_counted_as_a_duplicate()
    {
        var (record, _) = PlacedInATrace("o-copy");
        ports.Store.Setup(s => s.CommitAsync(ports.Function.Object, It.IsAny<IReadOnlyList<PendingEffect>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CommitResult([], new HashSet<string> { EventCodec.Decode(record).Id }));

        var counted = await CountedAsync(runner => runner.RunAsync([record], Delivery.First, CancellationToken.None));

        Assert.Equal([(ConsumerGroups.ValidateOrder, RecordOutcomes.Duplicate)], Outcomes(counted));
    }

    [Fact]
    public async Task A_settled_record_and_a_dead_lettered_one_are_counted_as_such_and_not_as_batches()
    {
        var (settled, _) = PlacedInATrace("o-settled");
        var (lost, _) = PlacedInATrace("o-lost");

        var counted = await CountedAsync(async runner =>
        {
            await runner.SettleAsync(settled, "failed for good", CancellationToken.None);
            await runner.DeadLetterAsync([lost], "could not be settled", CancellationToken.None);
        });

        Assert.Equal([(ConsumerGroups.ValidateOrder, RecordOutcomes.DeadLettered), (ConsumerGroups.ValidateOrder, RecordOutcomes.Settled)], Outcomes(counted));
        Assert.DoesNotContain(counted, c => c.Instrument.StartsWith("eventfunctions.batch", StringComparison.Ordinal));
    }
}
