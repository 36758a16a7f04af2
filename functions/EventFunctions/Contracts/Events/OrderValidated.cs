namespace EventFunctions.Contracts.Events;

/// <summary>v2 adds <paramref name="Currency"/>: the currency of the unit prices and the total.</summary>
public sealed record OrderValidated(string OrderId, string CustomerId, IReadOnlyList<PricedLine> Lines, decimal Total, string PaymentToken, string Currency = CurrencyCode.Default) : IOrderEvent;
