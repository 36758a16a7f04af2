using EventFunctions.Functions;
using EventFunctions.UnitTests.Functions;
using EventFunctions.Messaging;
using EventFunctions.Triggers;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventFunctions.UnitTests.Triggers;

public class TriggerBatchHandlerTests
{
    private readonly RunnerPorts ports = new();
    private readonly BatchAttempts attempts = new(wholeBatchAttempts: 2);
    private readonly TriggerBatchHandler handler;

    public TriggerBatchHandlerTests()
    {
        handler = new TriggerBatchHandler([ports.Runner()], attempts, NullLogger<TriggerBatchHandler>.Instance);
    }

    private List<OutgoingRecord> published => ports.Published;
    private HashSet<string> failingOrders => ports.FailingOrders;

    private static IReadOnlyList<IncomingRecord> Batch(params string[] orderIds) =>
        orderIds.Select((id, i) => TestEvents.Record(TestEvents.Envelope(TestEvents.Placed(id)), offset: 40 + i)).ToList();

    private Task DeliverAsync(IReadOnlyList<IncomingRecord> batch, Delivery delivery = Delivery.MaybeRepeated) =>
        handler.HandleAsync(ConsumerGroups.ValidateOrder, batch, delivery, CancellationToken.None);

    [Fact]
    public async Task A_failing_batch_throws_so_the_host_redelivers_it_and_publishes_nothing()
    {
        failingOrders.Add("o-2");
        var batch = Batch("o-1", "o-2");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => DeliverAsync(batch));

        Assert.Equal("cannot handle o-2", error.Message);
        Assert.Empty(published);
        Assert.Equal(1, attempts.FailuresOf(BatchAttempts.KeyOf(ConsumerGroups.ValidateOrder, batch)));
    }

    [Fact]
    public async Task Once_the_whole_batch_failed_its_attempts_each_record_runs_alone_and_only_the_failing_one_is_dead_lettered()
    {
        failingOrders.Add("o-2");
        var batch = Batch("o-1", "o-2", "o-3");
        await Assert.ThrowsAsync<InvalidOperationException>(() => DeliverAsync(batch));
        await Assert.ThrowsAsync<InvalidOperationException>(() => DeliverAsync(batch));

        await DeliverAsync(batch);

        Assert.Equal(["o-1", "o-3"], published.Where(r => r.Topic == Topics.OrdersValidated).Select(r => r.Key));
        var letter = Assert.Single(published, r => r.Topic == Topics.DeadLetterOf(Topics.OrdersPlaced));
        Assert.Equal("o-2", letter.Key);
        Assert.Equal(batch[1].Value, letter.Value);
        Assert.Equal("failed after 3 attempts: InvalidOperationException: cannot handle o-2", Header(letter, DeadLetters.Reason));
        Assert.Equal("41", Header(letter, DeadLetters.OriginalOffset));
        Assert.Equal(0, attempts.FailuresOf(BatchAttempts.KeyOf(ConsumerGroups.ValidateOrder, batch)));
    }

    [Fact]
    public async Task When_the_dead_letter_cannot_be_published_the_batch_throws_and_is_isolated_again_on_redelivery()
    {
        failingOrders.Add("o-1");
        var batch = Batch("o-1");
        ports.Publisher.Setup(p => p.PublishAsync(It.Is<IReadOnlyList<OutgoingRecord>>(r => r.Any(x => x.Topic.EndsWith(Topics.DeadLetterSuffix))), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("Kafka is down"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => DeliverAsync(batch));
        await Assert.ThrowsAsync<InvalidOperationException>(() => DeliverAsync(batch));

        await Assert.ThrowsAsync<TimeoutException>(() => DeliverAsync(batch));

        Assert.True(attempts.ShouldIsolate(BatchAttempts.KeyOf(ConsumerGroups.ValidateOrder, batch)));
    }

    [Fact]
    public async Task A_redelivery_after_a_failure_looks_for_processed_events_even_when_the_host_called_it_a_first_delivery()
    {
        failingOrders.Add("o-1");
        var batch = Batch("o-1");
        await Assert.ThrowsAsync<InvalidOperationException>(() => DeliverAsync(batch, Delivery.First));
        ports.Store.Verify(s => s.FindProcessedAsync(ports.Function.Object, It.IsAny<IReadOnlyList<EventEnvelope>>(), It.IsAny<CancellationToken>()), Times.Never);
        failingOrders.Clear();

        await DeliverAsync(batch, Delivery.First);

        ports.Store.Verify(s => s.FindProcessedAsync(ports.Function.Object, It.IsAny<IReadOnlyList<EventEnvelope>>(), It.IsAny<CancellationToken>()), Times.Once);
        Assert.Single(published);
    }

    [Fact]
    public async Task A_batch_for_a_function_the_pipeline_does_not_have_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => handler.HandleAsync("ship-order", Batch("o-1"), Delivery.MaybeRepeated, CancellationToken.None));
        Assert.Contains("'ship-order' is not a function of the pipeline", error.Message);
    }

    private static string? Header(OutgoingRecord record, string name) => record.Headers.LastOrDefault(h => h.Key == name)?.ValueAsText;
}
