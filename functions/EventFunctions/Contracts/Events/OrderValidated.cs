namespace EventFunctions.Contracts.Events;

public sealed record OrderValidated(string OrderId, string CustomerId, IReadOnlyList<PricedLine> Lines, decimal Total, string PaymentToken) : IOrderEvent;
