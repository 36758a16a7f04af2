using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.Operations.Live;

/// <summary>An order as this process has seen it so far: its view's essentials and its events, oldest first.</summary>
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
    IReadOnlyList<LiveStep> Steps)
{
    /// <summary>Placed to the projection's commit of the final status, once both are known.</summary>
    public double? LatencySeconds => PlacedAt is { } placed && FinishedAt is { } finished ? (finished - placed).TotalSeconds : null;
}

/// <summary>An event of the order: its type, the function that emitted it, when it was created and when projected.</summary>
public sealed record LiveStep(string Type, string Emitter, DateTimeOffset Time, DateTimeOffset ProjectedAt);
