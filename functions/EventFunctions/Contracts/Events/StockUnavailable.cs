namespace EventFunctions.Contracts.Events;

/// <summary>Nothing of the order stays reserved. Carries the payment to refund, so the compensation needs no lookup.</summary>
public sealed record StockUnavailable(string OrderId, IReadOnlyList<string> Skus, string PaymentId, decimal Amount) : IOrderEvent;
