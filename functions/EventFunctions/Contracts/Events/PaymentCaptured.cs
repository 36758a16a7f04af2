namespace EventFunctions.Contracts.Events;

/// <summary>Carries the lines so that ReserveStock needs no lookup, and the payment id and amount (in <paramref name="Currency"/>, from v2) so a refund can follow.</summary>
public sealed record PaymentCaptured(string OrderId, string PaymentId, decimal Amount, IReadOnlyList<OrderLine> Lines, string Currency = CurrencyCode.Default) : IOrderEvent;
