namespace EventFunctions.Contracts.Events;

/// <summary>
/// Nothing of the order stays reserved. Carries the payment to refund, so the compensation needs no lookup.
/// <paramref name="Reason"/> is set when stock could not be reserved for another reason than a shortage. v2 adds the <paramref name="Currency"/> of the amount to refund.
/// </summary>
public sealed record StockUnavailable(string OrderId, IReadOnlyList<string> Skus, string PaymentId, decimal Amount, string? Reason = null, string Currency = CurrencyCode.Default) : IOrderEvent;
