using EventFunctions.Contracts;
using EventFunctions.Messaging;

namespace EventFunctions.Processing.Lineage;

/// <summary>
/// Whether events are the pipeline's own: each must be the very record its writer committed to its outbox in reaction
/// to its cause; an OrderPlaced, the order the API accepted, with that content. An event that is not (produced by
/// hand, for an order nobody placed, or altered) is an orphan: no function acts on it, it is dead-lettered.
/// </summary>
public interface IEventLineage
{
    /// <summary>The orphans among <paramref name="events"/>, by event id, with why.</summary>
    Task<IReadOnlyDictionary<string, string>> FindOrphansAsync(IReadOnlyList<(EventEnvelope Event, IncomingRecord Record)> events, CancellationToken cancellationToken);
}
