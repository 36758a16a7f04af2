namespace EventFunctions.Contracts.Events;

/// <summary>v2 adds <paramref name="Currency"/>: the currency the amount was refunded in.</summary>
public sealed record PaymentRefunded(string OrderId, string PaymentId, string RefundId, decimal Amount, string Currency = CurrencyCode.Default) : IOrderEvent;
