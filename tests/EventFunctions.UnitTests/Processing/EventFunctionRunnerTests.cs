using EventFunctions.Messaging;
using EventFunctions.Processing;

namespace EventFunctions.UnitTests.Processing;

public class EventFunctionRunnerTests
{
    private readonly RunnerPorts ports = new();

    private Mock<IEventFunction> function => ports.Function;
    private Mock<IEffectStore> store => ports.Store;
    private Mock<IEventPublisher> publisher => ports.Publisher;
    private List<string> steps => ports.Steps;
    private List<OutgoingRecord> published => ports.Published;

    private EventFunctionRunner Runner => ports.Runner();

    [Fact]
    public async Task Effects_are_committed_before_their_events_are_published()
    {
        var placed = TestEvents.Envelope(TestEvents.Placed("o-1"));

        await Runner.RunAsync([TestEvents.Record(placed)], CancellationToken.None);

        Assert.Equal(["commit", "publish"], steps);
        var emitted = Assert.Single(published);
        Assert.Equal((Topics.OrdersValidated, "o-1"), (emitted.Topic, emitted.KeyText));
        Assert.Contains(emitted.Headers, h => h.Key == CloudEventHeaders.Id && h.ValueAsText == DeterministicId.For(ConsumerGroups.ValidateOrder, placed.Id));
    }

    [Fact]
    public async Task An_unreadable_record_is_dead_lettered_and_the_records_behind_it_are_processed()
    {
        var good = TestEvents.Record(TestEvents.Envelope(TestEvents.Placed("o-2")), offset: 8);
        var poison = TestEvents.Record(TestEvents.Envelope(TestEvents.Placed("o-1")), offset: 7) with { Value = "{not json"u8.ToArray() };

        await Runner.RunAsync([poison, good], CancellationToken.None);

        var deadLetter = Assert.Single(published, r => r.Topic == Topics.DeadLetterOf(Topics.OrdersPlaced));
        Assert.StartsWith("malformed eventfunctions.OrderPlaced", Header(deadLetter, DeadLetters.Reason));
        Assert.Equal("7", Header(deadLetter, DeadLetters.OriginalOffset));
        Assert.Equal(ConsumerGroups.ValidateOrder, Header(deadLetter, DeadLetters.Consumer));
        Assert.Contains(published, r => r.Topic == Topics.OrdersValidated && r.KeyText == "o-2");
        function.Verify(f => f.HandleAsync(It.Is<IReadOnlyList<EventEnvelope>>(b => b.Single().Data.OrderId == "o-2"), It.IsAny<CancellationToken>()));
    }

    [Fact]
    public async Task An_event_already_processed_republishes_its_stored_outbox_instead_of_acting_again()
    {
        var placed = TestEvents.Envelope(TestEvents.Placed("o-1"));
        var stored = OutgoingRecord.Keyed(Topics.OrdersValidated, "o-1", "{}"u8.ToArray(), []);
        store.Setup(s => s.FindProcessedAsync(function.Object, It.IsAny<IReadOnlyList<EventEnvelope>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, IReadOnlyList<OutgoingRecord>> { [placed.Id] = [stored] });

        await Runner.RunAsync([TestEvents.Record(placed)], CancellationToken.None);

        function.Verify(f => f.HandleAsync(It.IsAny<IReadOnlyList<EventEnvelope>>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Same(stored, Assert.Single(published));
    }

    [Theory]
    [InlineData(Delivery.First)]
    [InlineData(Delivery.Unknown)]
    public async Task A_delivery_not_known_to_repeat_skips_the_lookup_and_relies_on_the_commit_to_settle_copies(Delivery delivery)
    {
        var placed = TestEvents.Envelope(TestEvents.Placed("o-1"));
        var stored = OutgoingRecord.Keyed(Topics.OrdersValidated, "o-1", "{}"u8.ToArray(), []);
        store.Setup(s => s.CommitAsync(function.Object, It.IsAny<IReadOnlyList<PendingEffect>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CommitResult([stored], new HashSet<string> { placed.Id }));

        await Runner.RunAsync([TestEvents.Record(placed)], delivery, CancellationToken.None);

        store.Verify(s => s.FindProcessedAsync(It.IsAny<IEventFunction>(), It.IsAny<IReadOnlyList<EventEnvelope>>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Same(stored, Assert.Single(published));
    }

    [Fact]
    public async Task The_same_event_twice_in_a_batch_is_handled_once()
    {
        var record = TestEvents.Record(TestEvents.Envelope(TestEvents.Placed("o-1")));

        await Runner.RunAsync([record, record with { Offset = 1 }], CancellationToken.None);

        function.Verify(f => f.HandleAsync(It.Is<IReadOnlyList<EventEnvelope>>(b => b.Count == 1), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Single(published);
    }

    [Fact]
    public async Task Events_the_function_does_not_handle_are_acknowledged_without_effect()
    {
        var rejected = TestEvents.Record(TestEvents.Envelope(new OrderRejected("o-1", "order has no lines")));

        await Runner.RunAsync([rejected], CancellationToken.None);

        function.Verify(f => f.HandleAsync(It.IsAny<IReadOnlyList<EventEnvelope>>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Empty(published);
    }

    [Fact]
    public async Task A_failed_commit_fails_the_batch_and_publishes_nothing()
    {
        store.Setup(s => s.CommitAsync(function.Object, It.IsAny<IReadOnlyList<PendingEffect>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("storage unavailable"));

        await Assert.ThrowsAsync<TimeoutException>(() => Runner.RunAsync([TestEvents.Record(TestEvents.Envelope(TestEvents.Placed()))], CancellationToken.None));

        publisher.Verify(p => p.PublishAsync(It.IsAny<IReadOnlyList<OutgoingRecord>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_failed_publish_fails_the_batch_so_its_offsets_are_not_committed()
    {
        publisher.Setup(p => p.PublishAsync(It.IsAny<IReadOnlyList<OutgoingRecord>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("broker unavailable"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => Runner.RunAsync([TestEvents.Record(TestEvents.Envelope(TestEvents.Placed()))], CancellationToken.None));
    }

    [Fact]
    public async Task Records_that_failed_every_retry_go_to_their_dead_letter_topic_with_the_reason()
    {
        var record = TestEvents.Record(TestEvents.Envelope(TestEvents.Placed("o-1")), offset: 42);

        await Runner.DeadLetterAsync([record], "failed after 5 retries: storage unavailable", CancellationToken.None);

        var deadLetter = Assert.Single(published);
        Assert.Equal(Topics.DeadLetterOf(Topics.OrdersPlaced), deadLetter.Topic);
        Assert.Equal(record.Value, deadLetter.Value);
        Assert.Equal("failed after 5 retries: storage unavailable", Header(deadLetter, DeadLetters.Reason));
        Assert.Equal("42", Header(deadLetter, DeadLetters.OriginalOffset));
    }

    [Fact]
    public async Task An_event_the_pipeline_did_not_make_is_dead_lettered_unacted_and_the_others_are_handled()
    {
        var forged = TestEvents.Envelope(TestEvents.Placed("o-1"));
        var genuine = TestEvents.Envelope(TestEvents.Placed("o-2"));
        ports.Orphans[forged.Id] = "order o-1 was never accepted by the API";

        await Runner.RunAsync([TestEvents.Record(forged, offset: 3), TestEvents.Record(genuine, offset: 4)], CancellationToken.None);

        function.Verify(f => f.HandleAsync(It.Is<IReadOnlyList<EventEnvelope>>(b => b.Single().Id == genuine.Id), It.IsAny<CancellationToken>()), Times.Once);
        var letter = Assert.Single(published, r => r.Topic == Topics.DeadLetterOf(Topics.OrdersPlaced));
        Assert.Equal("not an event of the pipeline: order o-1 was never accepted by the API", Header(letter, DeadLetters.Reason));
        Assert.Equal("3", Header(letter, DeadLetters.OriginalOffset));
    }

    [Fact]
    public async Task Events_already_processed_are_not_checked_again()
    {
        var placed = TestEvents.Envelope(TestEvents.Placed("o-1"));
        store.Setup(s => s.FindProcessedAsync(function.Object, It.IsAny<IReadOnlyList<EventEnvelope>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, IReadOnlyList<OutgoingRecord>> { [placed.Id] = [] });

        await Runner.RunAsync([TestEvents.Record(placed)], CancellationToken.None);

        ports.Lineage.Verify(l => l.FindOrphansAsync(It.IsAny<IReadOnlyList<(EventEnvelope, IncomingRecord)>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_settled_event_commits_its_business_outcome_with_the_reason_beside_the_inbox_marker()
    {
        var placed = TestEvents.Envelope(TestEvents.Placed("o-1"));
        IReadOnlyList<PendingEffect>? committed = null;
        store.Setup(s => s.CommitAsync(function.Object, It.IsAny<IReadOnlyList<PendingEffect>>(), It.IsAny<CancellationToken>()))
            .Callback((IEventFunction _, IReadOnlyList<PendingEffect> effects, CancellationToken _) => { committed = effects; steps.Add("commit"); })
            .ReturnsAsync((IEventFunction _, IReadOnlyList<PendingEffect> effects, CancellationToken _) => CommitResult.Of(effects.SelectMany(e => e.Outbox).ToList()));

        await Runner.SettleAsync(TestEvents.Record(placed), "data: overflow", CancellationToken.None);

        var effect = Assert.Single(committed!).Effect;
        Assert.Equal("data: overflow", effect.SettledBecause);
        Assert.Equal(new OrderRejected("o-1", "settled: data: overflow"), Assert.Single(effect.Emits).Data);
        Assert.Equal(["commit", "publish"], steps);
        Assert.Equal(Topics.OrdersValidated, Assert.Single(published).Topic);
    }

    [Fact]
    public async Task Settling_an_event_another_attempt_has_processed_publishes_that_outcome_instead()
    {
        var placed = TestEvents.Envelope(TestEvents.Placed("o-1"));
        var stored = OutgoingRecord.Keyed(Topics.OrdersValidated, "o-1", "{}"u8.ToArray(), []);
        store.Setup(s => s.FindProcessedAsync(function.Object, It.IsAny<IReadOnlyList<EventEnvelope>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, IReadOnlyList<OutgoingRecord>> { [placed.Id] = [stored] });

        await Runner.SettleAsync(TestEvents.Record(placed), "data: overflow", CancellationToken.None);

        function.Verify(f => f.SettleAsync(It.IsAny<EventEnvelope>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
        Assert.Same(stored, Assert.Single(published));
    }

    [Fact]
    public async Task A_dead_letter_put_back_for_another_group_is_left_to_that_group()
    {
        var placed = TestEvents.Record(TestEvents.Envelope(TestEvents.Placed("o-1")));
        RecordHeader[] forProjection = [.. placed.Headers, RecordHeader.Text(RedriveHeaders.Group, ConsumerGroups.ProjectOrderView)];
        RecordHeader[] forThisGroup = [.. placed.Headers, RecordHeader.Text(RedriveHeaders.Group, ConsumerGroups.ValidateOrder)];

        await Runner.RunAsync([placed with { Headers = forProjection }], CancellationToken.None);
        Assert.Empty(published);

        await Runner.RunAsync([placed with { Headers = forThisGroup }], CancellationToken.None);
        Assert.Single(published);
    }

    private static string Header(OutgoingRecord record, string name) => record.Headers.Last(h => h.Key == name).ValueAsText;
}
