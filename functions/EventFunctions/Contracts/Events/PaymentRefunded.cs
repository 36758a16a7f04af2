namespace EventFunctions.Contracts.Events;

public sealed record PaymentRefunded(string OrderId, string PaymentId, string RefundId, decimal Amount) : IOrderEvent;
