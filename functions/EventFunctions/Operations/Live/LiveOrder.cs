using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.Operations.Live;

/// <summary>An order as this process's projection has committed it: its view's essentials and the events seen so far, oldest first.</summary>
public sealed record LiveOrder(
    string OrderId,
    string? CustomerId,
    OrderStatus Status,
    string? Reason,
    decimal? Total,
    bool IsComplete,
    DateTimeOffset? PlacedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<LiveOrderStep> Steps)
{
    /// <summary>Placed to the projection's commit of the final status, once both are known.</summary>
    public double? LatencySeconds => PlacedAt is { } placed && FinishedAt is { } finished ? (finished - placed).TotalSeconds : null;
}

/// <summary>An event of the order: its type, the function that emitted it, when it was created and when projected.</summary>
public sealed record LiveOrderStep(string Type, string Emitter, DateTimeOffset Time, DateTimeOffset ProjectedAt);

/// <summary>An order whose final status has just become known, with its placed→final latency.</summary>
public sealed record FinishedOrder(string OrderId, OrderStatus Status, TimeSpan Latency);

/// <summary>What one <see cref="LiveOrders.Apply"/> changed: each changed order in its new state, in order, and the orders it finished.</summary>
public sealed record LiveOrderChanges(IReadOnlyList<LiveOrder> Changed, IReadOnlyList<FinishedOrder> Finished);
