namespace EventFunctions.Contracts.Events;

/// <summary>
/// The gateway will not refund the charge (the card is closed, the charge is disputed): the money is owed to the
/// customer by other means, and a person must see to it. The order ends Cancelled with this reason.
/// </summary>
public sealed record RefundFailed(string OrderId, string PaymentId, decimal Amount, string Reason) : IOrderEvent;
