using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.Operations.Live;

/// <summary>What one apply of committed events did: the orders it moved, in order, and those it saw finish.</summary>
public sealed record LiveChanges(IReadOnlyList<LiveChange> Changes, IReadOnlyList<FinishedOrder> Finished);

/// <summary>An order's new state, numbered in the order <see cref="LiveOrders"/> applied the changes.</summary>
public sealed record LiveChange(long Number, LiveOrder Order);

/// <summary>An order whose final status has just become known, with its placed→final latency.</summary>
public sealed record FinishedOrder(string OrderId, OrderStatus Status, TimeSpan Latency);
