using EventFunctions.Messaging;
using EventFunctions.Processing;
using EventFunctions.Processing.Lineage;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventFunctions.UnitTests.Processing;

/// <summary>
/// A runner whose function, effect store and publisher are Moq stand-ins: the function rejects every OrderPlaced (or
/// throws <see cref="Failure"/> for an order in <see cref="FailingOrders"/>) and settles by rejecting with the reason,
/// the store has processed nothing and commits what it is given, the publisher records what it is asked to publish.
/// Tests override a setup where they need another answer.
/// </summary>
internal sealed class RunnerPorts
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<OutgoingRecord>> NoneProcessed = new Dictionary<string, IReadOnlyList<OutgoingRecord>>();

    public Mock<IEventFunction> Function { get; } = new();
    public Mock<IEffectStore> Store { get; } = new(MockBehavior.Strict);
    public Mock<IEventPublisher> Publisher { get; } = new(MockBehavior.Strict);
    public Mock<IEventLineage> Lineage { get; } = new();

    /// <summary>Events the lineage says the pipeline did not make, by id, with why.</summary>
    public Dictionary<string, string> Orphans { get; } = [];

    /// <summary>"commit" and "publish", in the order they happened.</summary>
    public List<string> Steps { get; } = [];
    public List<OutgoingRecord> Published { get; } = [];
    public HashSet<string> FailingOrders { get; } = [];

    /// <summary>What the function throws for a failing order.</summary>
    public Func<string, Exception> Failure { get; set; } = orderId => new InvalidOperationException($"cannot handle {orderId}");

    public RunnerPorts()
    {
        Function.SetupGet(f => f.Name).Returns(ConsumerGroups.ValidateOrder);
        Function.Setup(f => f.Handles(It.IsAny<EventEnvelope>())).Returns((EventEnvelope e) => e.Data is OrderPlaced);
        Function.Setup(f => f.HandleAsync(It.IsAny<IReadOnlyList<EventEnvelope>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((IReadOnlyList<EventEnvelope> events, CancellationToken _) =>
            {
                if (events.FirstOrDefault(e => FailingOrders.Contains(e.Data.OrderId)) is { } bad)
                    throw Failure(bad.Data.OrderId);
                return events.Select(e => Effect.Emitting(e, ConsumerGroups.ValidateOrder, TestEvents.Now, new OrderRejected(e.Data.OrderId, "test"))).ToList();
            });
        Function.Setup(f => f.SettleAsync(It.IsAny<EventEnvelope>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((EventEnvelope e, string reason, CancellationToken _) =>
                Effect.Emitting(e, ConsumerGroups.ValidateOrder, TestEvents.Now, new OrderRejected(e.Data.OrderId, "settled: " + reason)));
        Store.Setup(s => s.FindProcessedAsync(Function.Object, It.IsAny<IReadOnlyList<EventEnvelope>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(NoneProcessed);
        Store.Setup(s => s.CommitAsync(Function.Object, It.IsAny<IReadOnlyList<PendingEffect>>(), It.IsAny<CancellationToken>()))
            .Callback(() => Steps.Add("commit"))
            .ReturnsAsync((IEventFunction _, IReadOnlyList<PendingEffect> effects, CancellationToken _) => CommitResult.Of(effects.SelectMany(e => e.Outbox).ToList()));
        Lineage.Setup(l => l.FindOrphansAsync(It.IsAny<IReadOnlyList<(EventEnvelope, IncomingRecord)>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(() => Orphans);
        Publisher.Setup(p => p.PublishAsync(It.IsAny<IReadOnlyList<OutgoingRecord>>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyList<OutgoingRecord> records, CancellationToken _) => { Steps.Add("publish"); Published.AddRange(records); })
            .Returns(Task.CompletedTask);
    }

    public EventFunctionRunner Runner() => new(Function.Object, Store.Object, Publisher.Object, Lineage.Object, TestEvents.Keys(), TestEvents.Clock(), TestEvents.Metrics(), NullLogger<EventFunctionRunner>.Instance);
}
