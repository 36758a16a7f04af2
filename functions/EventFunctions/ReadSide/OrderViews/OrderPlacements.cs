using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Messaging;

namespace EventFunctions.ReadSide.OrderViews;

/// <summary>
/// The read side of an order id placed with more than one body: possible only for placements the API accepted while
/// Table Storage could not check the id (<see cref="OrderPlacement"/>). Such a placement's OrderPlaced, and the
/// rejection of a placement that lost the id, are kept under the placement (<see cref="OrderRow"/>), so that the
/// order is folded from its own placement only and a losing body shows in no view of the order, nor in its
/// customer's list. A placement whose id was claimed at the API is always the order's: its claim came first.
/// </summary>
public static class OrderPlacements
{
    private static readonly string PlacedType = EventTypes.NameOf(typeof(OrderPlaced));
    private static readonly string ValidatedType = EventTypes.NameOf(typeof(OrderValidated));
    private static readonly string RejectedType = EventTypes.NameOf(typeof(OrderRejected));

    /// <summary>The placement an event's fact is kept under, or null for a fact of the order.</summary>
    public static string? PlacementOf(EventEnvelope envelope) => envelope.Data switch
    {
        OrderPlaced when OrderPlacement.IsDeferred(envelope) => envelope.Id,
        OrderRejected rejected when rejected.RejectsPlacement() => envelope.CausationId,
        _ => null,
    };

    /// <summary>The facts the order's view folds: the order's own, and those of the placement that is the order.</summary>
    public static IReadOnlyList<StoredFact> OfOrder(IReadOnlyList<StoredFact> facts)
    {
        var order = OrderPlacementOf(facts);
        return facts.Where(f => f.Placement is null || f.Placement == order).ToList();
    }

    /// <summary>
    /// The facts of the view <paramref name="placement"/>'s client follows: the order's, if it is the order's placement
    /// or places the same content; its own (its OrderPlaced, then its rejection) otherwise; none before it is projected.
    /// </summary>
    public static IReadOnlyList<StoredFact> OfPlacement(IReadOnlyList<StoredFact> facts, string placement)
    {
        var own = facts.Where(f => f.Placement == placement).ToList();
        if (own.Count == 0) return facts.Any(f => f.Placement is null && f.Type == PlacedType && f.EventId == placement) ? OfOrder(facts) : [];
        var order = OfOrder(facts);
        if (own.Any(f => f.Type == RejectedType)) return own;
        var ownPlaced = own.Single(f => f.Type == PlacedType);
        return order.Any(f => f.Type == PlacedType && (f.EventId == placement || f.Data == ownPlaced.Data)) ? order : own;
    }

    /// <summary>
    /// Which deferred placement is the order, when no placement was claimed at the API: the one ValidateOrder decided
    /// (its OrderValidated or OrderRejected names it as cause); until then, the earliest not rejected.
    /// </summary>
    private static string? OrderPlacementOf(IReadOnlyList<StoredFact> facts)
    {
        if (facts.Any(f => f.Placement is null && f.Type == PlacedType)) return null;
        var placements = facts.Where(f => f.Placement is not null && f.Type == PlacedType).ToList();
        if (placements.Count == 0) return null;
        var decided = facts.Where(f => f.Placement is null && (f.Type == ValidatedType || f.Type == RejectedType)).Select(f => f.CausationId).ToHashSet();
        var rejected = facts.Where(f => f.Placement is not null && f.Type == RejectedType).Select(f => f.Placement).ToHashSet();
        return (placements.FirstOrDefault(p => decided.Contains(p.EventId))
            ?? placements.Where(p => !rejected.Contains(p.EventId)).OrderBy(p => p.Time).FirstOrDefault())?.Placement;
    }
}
