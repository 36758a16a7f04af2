namespace EventFunctions.Contracts.Events;

/// <summary>v2 adds <paramref name="Currency"/>, the currency of every price the order is charged at (<see cref="CurrencyCode"/>).</summary>
public sealed record OrderPlaced(string OrderId, string CustomerId, IReadOnlyList<OrderLine> Lines, string PaymentToken, string Currency = CurrencyCode.Default) : IOrderEvent;
