using Azure;
using EventFunctions.Messaging;
using EventFunctions.Orders.Payments;
using EventFunctions.Processing;
using EventFunctions.Processing.Retries;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventFunctions.UnitTests.Processing.Retries;

public class TriggerBatchHandlerTests
{
    private static readonly RetryPolicy Fast = new() { UnknownFailureAttempts = 2, FirstBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(2) };

    private readonly RunnerPorts ports = new();
    private readonly BatchAttempts attempts = new(Fast);
    private readonly TransientFaults health = new(TimeProvider.System, NullLogger<TransientFaults>.Instance);
    private readonly TriggerBatchHandler handler;

    public TriggerBatchHandlerTests()
    {
        handler = new TriggerBatchHandler([ports.Runner()], attempts, health, NullLogger<TriggerBatchHandler>.Instance);
    }

    private List<OutgoingRecord> published => ports.Published;
    private HashSet<string> failingOrders => ports.FailingOrders;

    private static IReadOnlyList<IncomingRecord> Batch(params string[] orderIds) =>
        orderIds.Select((id, i) => TestEvents.Record(TestEvents.Envelope(TestEvents.Placed(id)), offset: 40 + i)).ToList();

    private Task DeliverAsync(IReadOnlyList<IncomingRecord> batch, Delivery delivery = Delivery.MaybeRepeated) =>
        handler.HandleAsync(ConsumerGroups.ValidateOrder, batch, delivery, CancellationToken.None);

    private IEnumerable<string?> Outcomes => published.Where(r => r.Topic == Topics.OrdersValidated).Select(r => r.KeyText);

    [Fact]
    public async Task A_transient_fault_throws_so_the_host_redelivers_and_the_function_reports_degraded_until_it_passes()
    {
        ports.Failure = _ => new RequestFailedException(503, "The server is busy.", "ServerBusy", null);
        failingOrders.Add("o-2");
        var batch = Batch("o-1", "o-2");

        for (var i = 0; i < 20; i++) await Assert.ThrowsAsync<RequestFailedException>(() => DeliverAsync(batch));

        Assert.Empty(published);
        Assert.False(attempts.IsIsolating(BatchAttempts.KeyOf(ConsumerGroups.ValidateOrder, batch)));
        var degraded = Assert.Single(health.Degraded);
        Assert.Equal((ConsumerGroups.ValidateOrder, 20), (degraded.Key, degraded.Value.Failures));
        Assert.Contains("ServerBusy", degraded.Value.Reason);

        failingOrders.Clear();
        await DeliverAsync(batch);

        Assert.Equal(["o-1", "o-2"], Outcomes);
        Assert.Empty(health.Degraded);
    }

    [Fact]
    public async Task A_permanent_failure_is_settled_at_once_and_the_other_records_are_processed()
    {
        ports.Failure = id => new PaymentRejectedException("amount_too_large", $"{id} is too dear");
        failingOrders.Add("o-2");
        var batch = Batch("o-1", "o-2", "o-3");

        await DeliverAsync(batch);

        Assert.Equal(["o-1", "o-2", "o-3"], Outcomes);
        ports.Function.Verify(f => f.SettleAsync(It.Is<EventEnvelope>(e => e.Data.OrderId == "o-2"),
            "amount_too_large: o-2 is too dear", It.IsAny<CancellationToken>()), Times.Once);
        Assert.DoesNotContain(published, r => r.Topic.EndsWith(Topics.DeadLetterSuffix));
        Assert.Equal(0, attempts.FailuresOf(BatchAttempts.KeyOf(ConsumerGroups.ValidateOrder, batch)));
    }

    [Fact]
    public async Task An_unknown_failure_is_retried_as_often_as_the_policy_allows_then_settled()
    {
        failingOrders.Add("o-2");
        var batch = Batch("o-1", "o-2");

        await Assert.ThrowsAsync<InvalidOperationException>(() => DeliverAsync(batch));
        Assert.Empty(published);

        await DeliverAsync(batch);

        Assert.Equal(["o-1", "o-2"], Outcomes);
        ports.Function.Verify(f => f.SettleAsync(It.Is<EventEnvelope>(e => e.Data.OrderId == "o-2"),
            "InvalidOperationException: cannot handle o-2", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_record_that_cannot_even_be_settled_is_dead_lettered_with_both_reasons()
    {
        ports.Failure = _ => new PaymentRejectedException("amount_too_large", "too dear");
        ports.Function.Setup(f => f.SettleAsync(It.IsAny<EventEnvelope>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidDataException("the ledger row is unreadable"));
        failingOrders.Add("o-1");
        var batch = Batch("o-1", "o-2");

        await DeliverAsync(batch);

        Assert.Equal(["o-2"], Outcomes);
        var letter = Assert.Single(published, r => r.Topic == Topics.DeadLetterOf(Topics.OrdersPlaced));
        Assert.Equal((batch[0].Key, batch[0].Value), (letter.Key, letter.Value));
        Assert.Equal("could not be settled (data: InvalidDataException: the ledger row is unreadable) after failing (payment gateway: amount_too_large: too dear)",
            Header(letter, DeadLetters.Reason));
        Assert.Equal("40", Header(letter, DeadLetters.OriginalOffset));
    }

    [Fact]
    public async Task A_transient_fault_while_settling_throws_and_the_redelivery_goes_on_isolating()
    {
        ports.Failure = _ => new PaymentRejectedException("amount_too_large", "too dear");
        ports.Function.SetupSequence(f => f.SettleAsync(It.IsAny<EventEnvelope>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("storage away"))
            .ReturnsAsync(Effect.Emitting(TestEvents.Envelope(TestEvents.Placed("o-1")), ConsumerGroups.ValidateOrder, TestEvents.Now, new OrderRejected("o-1", "settled")));
        failingOrders.Add("o-1");
        var batch = Batch("o-1");

        await Assert.ThrowsAsync<HttpRequestException>(() => DeliverAsync(batch));
        Assert.True(attempts.IsIsolating(BatchAttempts.KeyOf(ConsumerGroups.ValidateOrder, batch)));

        await DeliverAsync(batch);

        Assert.Equal(["o-1"], Outcomes);
        Assert.DoesNotContain(published, r => r.Topic.EndsWith(Topics.DeadLetterSuffix));
    }

    [Fact]
    public async Task When_the_dead_letter_cannot_be_published_the_batch_throws_for_redelivery()
    {
        ports.Failure = _ => new PaymentRejectedException("amount_too_large", "too dear");
        ports.Function.Setup(f => f.SettleAsync(It.IsAny<EventEnvelope>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidDataException("unreadable"));
        ports.Publisher.Setup(p => p.PublishAsync(It.Is<IReadOnlyList<OutgoingRecord>>(r => r.Any(x => x.Topic.EndsWith(Topics.DeadLetterSuffix))), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException("Kafka is down"));
        failingOrders.Add("o-1");

        await Assert.ThrowsAsync<TimeoutException>(() => DeliverAsync(Batch("o-1")));
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
