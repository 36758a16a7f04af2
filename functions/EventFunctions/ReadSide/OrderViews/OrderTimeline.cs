namespace EventFunctions.ReadSide.OrderViews;

/// <summary>
/// An order's events in the order they were created: which function emitted each, when, and how long that step took
/// (from the event that caused it to this one), with when the projection recorded it.
/// </summary>
public sealed record OrderTimeline(string OrderId, IReadOnlyList<TimelineStep> Steps)
{
    /// <summary>From the first event to the last, once there is more than one.</summary>
    public double? ElapsedMilliseconds => Steps.Count > 1 ? (Steps[^1].Time - Steps[0].Time).TotalMilliseconds : null;

    public static OrderTimeline Of(string orderId, IEnumerable<ProjectedEvent> facts)
    {
        var ordered = facts.OrderBy(f => f.Time).ThenBy(f => f.EventId, StringComparer.Ordinal).ToList();
        var byId = ordered.ToDictionary(f => f.EventId);
        var steps = ordered.Select(f => new TimelineStep(
            f.EventId, f.Type, Messaging.Provenance.WriterOf(f.Source), f.Time, f.ProjectedAt, f.CausationId,
            f.CausationId is { } cause && byId.TryGetValue(cause, out var before) ? (f.Time - before.Time).TotalMilliseconds : null)).ToList();
        return new OrderTimeline(orderId, steps);
    }
}

/// <summary>One event of an order's timeline; <see cref="StepMilliseconds"/> is the time from its cause's creation to its own.</summary>
public sealed record TimelineStep(
    string EventId, string Type, string Emitter, DateTimeOffset Time, DateTimeOffset? ProjectedAt, string? CausationId, double? StepMilliseconds);

/// <summary>An event as the projection stored it: its attributes, when it was projected, and its data (null if its type is unknown).</summary>
public sealed record ProjectedEvent(
    string EventId, string Type, string Source, DateTimeOffset Time, DateTimeOffset? ProjectedAt, string? CausationId, Contracts.Events.IOrderEvent? Data)
{
    public static ProjectedEvent Of(Contracts.EventEnvelope envelope, DateTimeOffset projectedAt) =>
        new(envelope.Id, envelope.Type, envelope.Source, envelope.Time, projectedAt, envelope.CausationId, envelope.Data);
}
