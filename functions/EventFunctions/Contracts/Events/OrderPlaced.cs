namespace EventFunctions.Contracts.Events;

public sealed record OrderPlaced(string OrderId, string CustomerId, IReadOnlyList<OrderLine> Lines, string PaymentToken) : IOrderEvent;
