namespace EventFunctions.Contracts.Events;

public sealed record OrderRejected(string OrderId, string Reason) : IOrderEvent;
