using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Messaging;

namespace EventFunctions.Processing;

/// <summary>What handling one event decided: rows to write and events to emit, committed as one unit.</summary>
public sealed record Effect(EventEnvelope Cause, IReadOnlyList<StateChange> Changes, IReadOnlyList<EventEnvelope> Emits)
{
    public string OrderId => Cause.Data.OrderId;

    /// <summary>Set when the effect settles an event that failed for good: the failure, kept beside the inbox marker for operators.</summary>
    public string? SettledBecause { get; init; }

    /// <summary>An effect that emits <paramref name="event"/> in reaction to <paramref name="cause"/>, with its deterministic id.</summary>
    public static Effect Emitting(EventEnvelope cause, string emitter, DateTimeOffset now, IOrderEvent @event, params StateChange[] changes) =>
        new(cause, changes, [new EventEnvelope(DeterministicId.For(emitter, cause.Id), Provenance.SourceOf(emitter), now, cause.Id, @event)]);
}

/// <summary>A row an effect writes in its function's home table, in the order's shard, committed atomically with the inbox.</summary>
public abstract record StateChange
{
    /// <summary>The row key within the partition.</summary>
    public abstract string RowKey { get; }

    /// <summary>What a row that already exists means.</summary>
    public abstract ConflictRule OnConflict { get; }

    /// <summary>The row's properties besides its keys.</summary>
    public abstract IReadOnlyDictionary<string, object> Properties { get; }
}

public enum ConflictRule
{
    /// <summary>The row records a one-time effect (a charge, a refund): if it exists, the event is a business duplicate and emits nothing.</summary>
    Exclusive,

    /// <summary>The row records an immutable fact: the first write wins and later ones are dropped.</summary>
    FirstWins,

    /// <summary>The row is derived (an index): overwrite it.</summary>
    Upsert,

    /// <summary>
    /// The row gathers facts, each in properties of its own: merge these properties into it, leaving the others. Two
    /// effects of one batch merging into one row are written as one merge.
    /// </summary>
    Merge,
}
