using EventFunctions.Contracts;

namespace EventFunctions.Processing;

/// <summary>
/// A stateless function: a batch of events in, one <see cref="Effect"/> per event out. It performs no writes of its
/// own to its home table: <see cref="EventFunctionRunner"/> commits every effect's state, inbox marker and outbox together.
/// </summary>
public interface IEventFunction
{
    /// <summary>The function's name: its consumer group (or its triggers', <see cref="Processing.Retries.TriggerGroups"/>) and the emitter part of its event ids.</summary>
    string Name { get; }

    IReadOnlyList<string> Topics { get; }

    /// <summary>The table holding this function's state, inbox and outbox, partitioned by <see cref="Storage.OrderShard"/>.</summary>
    string HomeTable { get; }

    /// <summary>Whether to keep an inbox: functions whose every write is an idempotent fact need none.</summary>
    bool UsesInbox => true;

    /// <summary>
    /// The tables its effects are committed to: its home table, or, for a projection with versions, every version kept
    /// current (<see cref="ReadSide.Versions.ViewTables"/>). Only functions without an inbox may write more than one.
    /// </summary>
    ValueTask<IReadOnlyList<string>> WriteTablesAsync(CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<string>>([HomeTable]);

    /// <summary>The consumer group whose redriven dead letters it acts on: its own, or the live group a rebuild stands in for.</summary>
    string RedriveGroup => Name;

    /// <summary>Events of other types on its topics are acknowledged and ignored (e.g. OrderRejected for ProcessPayment).</summary>
    bool Handles(EventEnvelope envelope);

    Task<IReadOnlyList<Effect>> HandleAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken);

    /// <summary>
    /// The business outcome of an event that failed for good (<paramref name="reason"/> says why): what the order becomes
    /// instead of staying where it is. It must be simpler than <see cref="HandleAsync"/>, so that it can succeed where
    /// that failed, and safe against an attempt of the same event still running elsewhere.
    /// </summary>
    Task<Effect> SettleAsync(EventEnvelope cause, string reason, CancellationToken cancellationToken);

    /// <summary>Called once the batch's effects are committed (before they are published).</summary>
    void Committed(IReadOnlyList<Effect> effects)
    {
    }
}
