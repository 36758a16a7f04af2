using EventFunctions.Contracts;
using EventFunctions.Messaging;

namespace EventFunctions.Processing;

/// <summary>The inbox and outbox of each function, and the state its effects change, in its home table.</summary>
public interface IEffectStore
{
    /// <summary>The stored outboxes of those events the function has already processed, by event id.</summary>
    Task<IReadOnlyDictionary<string, IReadOnlyList<OutgoingRecord>>> FindProcessedAsync(
        IEventFunction function, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken);

    /// <summary>
    /// Commits each effect's state changes, inbox marker and outbox in one entity group transaction, and returns the
    /// records to publish: each effect's outbox, or, where another delivery committed first, the outbox stored then.
    /// </summary>
    Task<CommitResult> CommitAsync(
        IEventFunction function, IReadOnlyList<PendingEffect> effects, CancellationToken cancellationToken);
}

/// <summary>
/// What a commit did: the records to publish, and the events found already committed (by another delivery, or in
/// effect, by another event with the same one-time effect), which changed nothing.
/// </summary>
public sealed record CommitResult(IReadOnlyList<OutgoingRecord> Published, IReadOnlySet<string> Duplicates)
{
    public static CommitResult Of(IReadOnlyList<OutgoingRecord> published) => new(published, new HashSet<string>());
}

/// <summary>An effect with its events already encoded, so the stored outbox is what gets published, byte for byte.</summary>
public sealed record PendingEffect(Effect Effect, IReadOnlyList<OutgoingRecord> Outbox);
