namespace EventFunctions.Contracts.Events;

/// <summary>
/// The gateway will not refund the charge (the card is closed, the charge is disputed): the money is owed to the
/// customer by other means, and a person must see to it. The order ends Cancelled with this reason. v2 adds the <paramref name="Currency"/> of the amount owed.
/// </summary>
public sealed record RefundFailed(string OrderId, string PaymentId, decimal Amount, string Reason, string Currency = CurrencyCode.Default) : IOrderEvent;
