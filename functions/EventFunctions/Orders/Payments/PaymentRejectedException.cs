using EventFunctions.Processing.Retries;

namespace EventFunctions.Orders.Payments;

/// <summary>The gateway refused a request for what it is (an invalid-request error, in payment APIs' terms): asking again gets the same answer.</summary>
public sealed class PaymentRejectedException(string code, string message)
    : PermanentFailureException("payment gateway", $"{code}: {message}")
{
    /// <summary>The gateway's error code, as payment APIs name them (<c>amount_too_large</c>, <c>expired_or_canceled_card</c>).</summary>
    public string Code => code;
}
