using System.Collections.Concurrent;

namespace EventFunctions.Payments;

/// <summary>
/// A gateway simulation with the token conventions of common payment test modes: <c>tok_visa</c> and
/// <c>tok_mastercard</c> are captured, <c>tok_chargeDeclined*</c> are declined with their reason, anything else
/// is declined as an invalid token. It honours idempotency keys as real gateways do: the same key with the same
/// request returns the first result; the same key with another request is refused. Its memory lasts as long as the process.
/// </summary>
public sealed class SimulatedPaymentGateway : IPaymentGateway
{
    private readonly ConcurrentDictionary<string, (object Request, object Result)> byKey = new();
    private int charges;
    private int refunds;

    /// <summary>How many charges and refunds were actually made, repeats of a key not counted.</summary>
    public int Charges => charges;

    public int Refunds => refunds;

    public Task<ChargeResult> ChargeAsync(ChargeRequest request, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(Once(idempotencyKey, request, () => Charge(request)));

    public Task<RefundResult> RefundAsync(RefundRequest request, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(Once(idempotencyKey, request, () =>
        {
            Interlocked.Increment(ref refunds);
            return new RefundResult("re_" + idempotencyKey[..12]);
        }));

    private ChargeResult Charge(ChargeRequest request)
    {
        var result = request.PaymentToken switch
        {
            "tok_visa" or "tok_mastercard" => ChargeResult.Captured("ch_" + Guid.NewGuid().ToString("N")[..16]),
            "tok_chargeDeclined" => ChargeResult.Declined("card_declined"),
            "tok_chargeDeclinedInsufficientFunds" => ChargeResult.Declined("insufficient_funds"),
            "tok_chargeDeclinedExpiredCard" => ChargeResult.Declined("expired_card"),
            _ => ChargeResult.Declined("invalid_token"),
        };
        if (result.PaymentId is not null) Interlocked.Increment(ref charges);
        return result;
    }

    private TResult Once<TRequest, TResult>(string key, TRequest request, Func<TResult> call)
        where TRequest : notnull where TResult : notnull
    {
        // Lazy makes the call happen once even when two deliveries race on the same key.
        var entry = byKey.GetOrAdd(key, _ => (request, new Lazy<TResult>(call)));
        if (!entry.Request.Equals(request))
            throw new InvalidOperationException($"Idempotency key '{key}' was already used for a different request.");
        return ((Lazy<TResult>)entry.Result).Value;
    }
}
