using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.Operations.Overdue;

/// <summary>An order past its deadline and not yet final: where it stands, and which function it waits on.</summary>
public sealed record OverdueOrder(
    string OrderId,
    string? CustomerId,
    OrderStatus Status,
    string? Reason,
    string StuckAt,
    DateTimeOffset PlacedAt,
    TimeSpan Overdue);
