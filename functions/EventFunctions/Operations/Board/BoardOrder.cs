using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.Operations.Board;

/// <summary>An order as the board shows it: its view's essentials and the events seen so far, oldest first.</summary>
public sealed record BoardOrder(
    string OrderId,
    string? CustomerId,
    OrderStatus Status,
    string? Reason,
    decimal? Total,
    bool IsComplete,
    DateTimeOffset? PlacedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<BoardStep> Steps)
{
    /// <summary>Placed to the projection's commit of the final status, once both are known.</summary>
    public double? LatencySeconds => PlacedAt is { } placed && FinishedAt is { } finished ? (finished - placed).TotalSeconds : null;
}

/// <summary>An event of the order: its type, the function that emitted it, when it was created and when projected.</summary>
public sealed record BoardStep(string Type, string Emitter, DateTimeOffset Time, DateTimeOffset ProjectedAt);
