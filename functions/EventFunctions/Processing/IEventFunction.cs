using EventFunctions.Contracts;

namespace EventFunctions.Processing;

/// <summary>
/// A stateless function: a batch of events in, one <see cref="Effect"/> per event out. It performs no writes of its
/// own: <see cref="EventFunctionRunner"/> commits every effect's state, inbox marker and outbox together.
/// A business function (ValidateOrder, ProcessPayment, ...) implements this as it is: it keeps an inbox in its home
/// table, the only table it writes. A read model's projection implements <see cref="IProjection"/>.
/// </summary>
public interface IEventFunction
{
    /// <summary>The function's name: its consumer group (or its triggers', <see cref="Processing.Retries.TriggerGroups"/>) and the emitter part of its event ids.</summary>
    string Name { get; }

    IReadOnlyList<string> Topics { get; }

    /// <summary>The table holding this function's state, inbox and outbox, partitioned by <see cref="Storage.OrderShard"/>.</summary>
    string HomeTable { get; }

    /// <summary>Events of other types on its topics are acknowledged and ignored (e.g. OrderRejected for ProcessPayment).</summary>
    bool Handles(EventEnvelope envelope);

    Task<IReadOnlyList<Effect>> HandleAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken);

    /// <summary>
    /// The business outcome of an event that failed for good (<paramref name="reason"/> says why): what the order becomes
    /// instead of staying where it is. It must be simpler than <see cref="HandleAsync"/>, so that it can succeed where
    /// that failed, and safe against an attempt of the same event still running elsewhere.
    /// </summary>
    Task<Effect> SettleAsync(EventEnvelope cause, string reason, CancellationToken cancellationToken);
}
