using System.Text.Json;

namespace EventFunctions.Orders.Payments;

/// <summary>
/// A gateway simulation with the conventions of common payment test modes: <c>tok_visa</c> and <c>tok_mastercard</c>
/// are captured, <c>tok_refundFail</c> is captured but its refunds are refused (the card was closed),
/// <c>tok_chargeDeclined*</c> are declined with their reason, anything else is declined as an invalid token; amounts
/// above <see cref="MaxAmount"/> are rejected, and so is a refund in another currency than its charge's. It honours idempotency keys as real gateways do, in storage every
/// instance shares (<see cref="IIdempotencyKeys"/>): the same key with the same request returns the first result,
/// from any instance, after any restart; the same key with another request is refused.
/// </summary>
public sealed class SimulatedPaymentGateway(IIdempotencyKeys keys) : IPaymentGateway
{
    /// <summary>The largest amount one charge may take, as card gateways limit it (999,999.99 in the major currencies).</summary>
    public const decimal MaxAmount = 999_999.99m;

    public const string RefundFailToken = "tok_refundFail";

    // What a closed key holds instead of a request: no call can match it.
    private const string ClosedRequest = "closed";

    private int charges;
    private int refunds;

    /// <summary>How many charges and refunds this instance actually made, repeats of a key not counted.</summary>
    public int Charges => charges;

    public int Refunds => refunds;

    public async Task<ChargeResult> ChargeAsync(ChargeRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        // Like real gateways, a request refused on validation is not remembered under its key.
        if (request.Amount > MaxAmount)
            throw new PaymentRejectedException("amount_too_large", $"amount {request.Amount} is above the maximum of {MaxAmount}");
        if (request.Amount <= 0)
            throw new PaymentRejectedException("amount_too_small", $"amount {request.Amount} must be positive");

        var (stored, claimed) = await keys.ClaimAsync(Call(idempotencyKey, request, Charge(request, idempotencyKey)), cancellationToken);
        if (stored.Request == ClosedRequest) return ChargeResult.Declined("charge_closed");
        EnsureSameRequest(stored, request);
        var result = Read<ChargeResult>(stored);
        if (claimed && result.IsCaptured) Interlocked.Increment(ref charges);
        return result;
    }

    public async Task<RefundResult> RefundAsync(RefundRequest request, string idempotencyKey, CancellationToken cancellationToken)
    {
        var charge = await FindChargeAsync(request.PaymentId, cancellationToken)
            ?? throw new PaymentRejectedException("resource_missing", $"no charge '{request.PaymentId}'");
        if (request.Amount > charge.Amount)
            throw new PaymentRejectedException("amount_too_large", $"refund of {request.Amount} exceeds the charge of {charge.Amount}");
        if (request.Currency != charge.Currency)
            throw new PaymentRejectedException("currency_mismatch", $"refund in {request.Currency} of a charge in {charge.Currency}");
        if (charge.PaymentToken == RefundFailToken)
            throw new PaymentRejectedException("expired_or_canceled_card", "the card was closed; refund by other means");

        var (stored, claimed) = await keys.ClaimAsync(Call(idempotencyKey, request, new RefundResult("re_" + Compact(idempotencyKey))), cancellationToken);
        if (stored.Request == ClosedRequest)
            throw new PaymentRejectedException("refund_closed", $"refunds under key '{idempotencyKey}' were closed");
        EnsureSameRequest(stored, request);
        if (claimed) Interlocked.Increment(ref refunds);
        return Read<RefundResult>(stored);
    }

    public async Task<ChargeResult?> CloseChargeAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var (stored, claimed) = await keys.ClaimAsync(new KeyedCall(idempotencyKey, ClosedRequest, "null"), cancellationToken);
        return claimed || stored.Request == ClosedRequest ? null : Read<ChargeResult>(stored);
    }

    public async Task<RefundResult?> CloseRefundAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var (stored, claimed) = await keys.ClaimAsync(new KeyedCall(idempotencyKey, ClosedRequest, "null"), cancellationToken);
        return claimed || stored.Request == ClosedRequest ? null : Read<RefundResult>(stored);
    }

    /// <summary>A payment id names the key it was charged under, so that a refund finds its charge.</summary>
    public static string PaymentIdOf(string chargeKey) => "ch_" + Compact(chargeKey);

    private static ChargeResult Charge(ChargeRequest request, string idempotencyKey) => request.PaymentToken switch
    {
        "tok_visa" or "tok_mastercard" or RefundFailToken => ChargeResult.Captured(PaymentIdOf(idempotencyKey)),
        "tok_chargeDeclined" => ChargeResult.Declined("card_declined"),
        "tok_chargeDeclinedInsufficientFunds" => ChargeResult.Declined("insufficient_funds"),
        "tok_chargeDeclinedExpiredCard" => ChargeResult.Declined("expired_card"),
        _ => ChargeResult.Declined("invalid_token"),
    };

    private async Task<ChargeRequest?> FindChargeAsync(string paymentId, CancellationToken cancellationToken)
    {
        if (!paymentId.StartsWith("ch_", StringComparison.Ordinal) || !Guid.TryParseExact(paymentId[3..], "N", out var key)) return null;
        var stored = await keys.FindAsync(key.ToString(), cancellationToken);
        if (stored is null || stored.Request == ClosedRequest || Read<ChargeResult>(stored) is not { IsCaptured: true }) return null;
        return JsonSerializer.Deserialize<ChargeRequest>(stored.Request, Json);
    }

    /// <summary>Compared as requests, not as text: a request stored before currencies existed reads as the euros it was in.</summary>
    private static void EnsureSameRequest<TRequest>(KeyedCall stored, TRequest request)
    {
        if (!Equals(JsonSerializer.Deserialize<TRequest>(stored.Request, Json), request))
            throw new PaymentRejectedException("idempotency_key_in_use", $"key '{stored.Key}' was already used for a different request");
    }

    private static KeyedCall Call<TRequest, TResult>(string key, TRequest request, TResult result) =>
        new(key, JsonSerializer.Serialize(request, Json), JsonSerializer.Serialize(result, Json));

    private static T Read<T>(KeyedCall call) => JsonSerializer.Deserialize<T>(call.Response, Json)!;

    private static string Compact(string key) => Guid.TryParse(key, out var guid) ? guid.ToString("N") : key;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
}
