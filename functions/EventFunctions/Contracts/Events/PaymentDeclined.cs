namespace EventFunctions.Contracts.Events;

public sealed record PaymentDeclined(string OrderId, string Reason) : IOrderEvent;
