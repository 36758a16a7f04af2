namespace EventFunctions.Payments;

/// <summary>
/// A card payment gateway. Every call carries an idempotency key: the gateway answers a repeated key with the
/// first answer and never charges or refunds twice, which is what makes a redelivered event safe to re-run.
/// </summary>
public interface IPaymentGateway
{
    Task<ChargeResult> ChargeAsync(ChargeRequest request, string idempotencyKey, CancellationToken cancellationToken);

    Task<RefundResult> RefundAsync(RefundRequest request, string idempotencyKey, CancellationToken cancellationToken);
}

public sealed record ChargeRequest(string OrderId, decimal Amount, string PaymentToken);

/// <summary>Either captured with a payment id, or declined with a reason.</summary>
public sealed record ChargeResult(string? PaymentId, string? DeclineReason)
{
    public static ChargeResult Captured(string paymentId) => new(paymentId, null);

    public static ChargeResult Declined(string reason) => new(null, reason);
}

public sealed record RefundRequest(string PaymentId, decimal Amount);

public sealed record RefundResult(string RefundId);
