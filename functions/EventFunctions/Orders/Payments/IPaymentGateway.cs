using EventFunctions.Contracts;

namespace EventFunctions.Orders.Payments;

/// <summary>
/// A card payment gateway. Every call carries an idempotency key: the gateway answers a repeated key with the
/// first answer and never charges or refunds twice, which is what makes a redelivered event safe to re-run.
/// A request the gateway will never accept (an amount over its limit, a refund of a closed card) throws
/// <see cref="PaymentRejectedException"/>.
/// </summary>
public interface IPaymentGateway
{
    Task<ChargeResult> ChargeAsync(ChargeRequest request, string idempotencyKey, CancellationToken cancellationToken);

    Task<RefundResult> RefundAsync(RefundRequest request, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Closes a charge's key: from now on nothing is charged under it. Returns what was already charged under it, or
    /// null if nothing was. Settling an order whose payment failed starts here, so that an attempt still running
    /// elsewhere cannot charge after the order was declined.
    /// </summary>
    Task<ChargeResult?> CloseChargeAsync(string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Closes a refund's key: from now on nothing is refunded under it. Returns the refund already made under it, or null.</summary>
    Task<RefundResult?> CloseRefundAsync(string idempotencyKey, CancellationToken cancellationToken);
}

public sealed record ChargeRequest(string OrderId, decimal Amount, string PaymentToken, string Currency = CurrencyCode.Default);

/// <summary>Either captured with a payment id, or declined with a reason.</summary>
public sealed record ChargeResult(string? PaymentId, string? DeclineReason)
{
    public static ChargeResult Captured(string paymentId) => new(paymentId, null);

    public static ChargeResult Declined(string reason) => new(null, reason);

    public bool IsCaptured => PaymentId is not null;
}

public sealed record RefundRequest(string PaymentId, decimal Amount, string Currency = CurrencyCode.Default);

public sealed record RefundResult(string RefundId);
