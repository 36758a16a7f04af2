namespace EventFunctions.Contracts.Events;

public sealed record StockReserved(string OrderId, IReadOnlyList<OrderLine> Lines) : IOrderEvent;
