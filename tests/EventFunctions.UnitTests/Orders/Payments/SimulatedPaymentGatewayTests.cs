using System.Collections.Concurrent;
using EventFunctions.Orders.Payments;

namespace EventFunctions.UnitTests.Orders.Payments;

public class SimulatedPaymentGatewayTests
{
    private const string Key = "6f1c2a7e-5d0b-4c4e-9a8f-0e7d3b2c1a90";
    private const string OtherKey = "0b1c2a7e-5d0b-4c4e-9a8f-0e7d3b2c1a91";

    // The gateway's idempotency keys: a Moq stand-in with the port's contract (the first call under a key is kept).
    private readonly ConcurrentDictionary<string, KeyedCall> stored = new();
    private readonly Mock<IIdempotencyKeys> keys = new(MockBehavior.Strict);
    private readonly SimulatedPaymentGateway gateway;

    public SimulatedPaymentGatewayTests()
    {
        keys.Setup(k => k.ClaimAsync(It.IsAny<KeyedCall>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((KeyedCall call, CancellationToken _) =>
            {
                var first = stored.GetOrAdd(call.Key, call);
                return (first, ReferenceEquals(first, call));
            });
        keys.Setup(k => k.FindAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string key, CancellationToken _) => stored.GetValueOrDefault(key));
        gateway = new SimulatedPaymentGateway(keys.Object);
    }

    [Theory]
    [InlineData("tok_chargeDeclined", "card_declined")]
    [InlineData("tok_chargeDeclinedInsufficientFunds", "insufficient_funds")]
    [InlineData("tok_chargeDeclinedExpiredCard", "expired_card")]
    [InlineData("tok_unknown", "invalid_token")]
    public async Task Test_tokens_decline_with_their_reason(string token, string reason)
    {
        var result = await gateway.ChargeAsync(new ChargeRequest("o-1", 10m, token), Key, CancellationToken.None);

        Assert.Equal(ChargeResult.Declined(reason), result);
        Assert.Equal(0, gateway.Charges);
    }

    [Fact]
    public async Task The_same_key_charges_once_and_answers_the_first_result()
    {
        var request = new ChargeRequest("o-1", 10m, "tok_visa");

        var first = await gateway.ChargeAsync(request, Key, CancellationToken.None);
        var again = await gateway.ChargeAsync(request, Key, CancellationToken.None);
        var other = await gateway.ChargeAsync(request with { OrderId = "o-2" }, OtherKey, CancellationToken.None);

        Assert.Equal(SimulatedPaymentGateway.PaymentIdOf(Key), first.PaymentId);
        Assert.Equal(first, again);
        Assert.NotEqual(first.PaymentId, other.PaymentId);
        Assert.Equal(2, gateway.Charges);
    }

    [Fact]
    public async Task Racing_calls_with_one_key_charge_once()
    {
        var request = new ChargeRequest("o-1", 10m, "tok_mastercard");

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => gateway.ChargeAsync(request, Key, CancellationToken.None))));

        Assert.Single(results.Distinct());
        Assert.Equal(1, gateway.Charges);
    }

    [Fact]
    public async Task A_key_reused_for_another_request_is_rejected_for_good()
    {
        await gateway.ChargeAsync(new ChargeRequest("o-1", 10m, "tok_visa"), Key, CancellationToken.None);

        var error = await Assert.ThrowsAsync<PaymentRejectedException>(() => gateway.ChargeAsync(new ChargeRequest("o-1", 99m, "tok_visa"), Key, CancellationToken.None));
        Assert.Equal("idempotency_key_in_use", error.Code);
    }

    [Fact]
    public async Task An_amount_above_the_maximum_is_rejected_and_not_remembered_under_its_key()
    {
        var error = await Assert.ThrowsAsync<PaymentRejectedException>(() =>
            gateway.ChargeAsync(new ChargeRequest("o-1", SimulatedPaymentGateway.MaxAmount + 0.01m, "tok_visa"), Key, CancellationToken.None));

        Assert.Equal("amount_too_large", error.Code);
        Assert.Empty(stored);
    }

    [Fact]
    public async Task A_closed_charge_key_charges_nothing_afterwards_and_a_capture_before_closing_stands()
    {
        Assert.Null(await gateway.CloseChargeAsync(Key, CancellationToken.None));
        Assert.Equal(ChargeResult.Declined("charge_closed"), await gateway.ChargeAsync(new ChargeRequest("o-1", 10m, "tok_visa"), Key, CancellationToken.None));
        Assert.Null(await gateway.CloseChargeAsync(Key, CancellationToken.None));

        var captured = await gateway.ChargeAsync(new ChargeRequest("o-2", 10m, "tok_visa"), OtherKey, CancellationToken.None);
        Assert.Equal(captured, await gateway.CloseChargeAsync(OtherKey, CancellationToken.None));
        Assert.Equal(1, gateway.Charges);
    }

    [Fact]
    public async Task The_same_refund_key_refunds_a_captured_charge_once()
    {
        var charge = await gateway.ChargeAsync(new ChargeRequest("o-1", 10m, "tok_visa"), Key, CancellationToken.None);
        var request = new RefundRequest(charge.PaymentId!, 10m);

        var first = await gateway.RefundAsync(request, OtherKey, CancellationToken.None);
        var again = await gateway.RefundAsync(request, OtherKey, CancellationToken.None);

        Assert.Equal(first, again);
        Assert.Equal(1, gateway.Refunds);
    }

    [Theory]
    [InlineData("tok_refundFail", 10, "expired_or_canceled_card")]
    [InlineData("tok_visa", 11, "amount_too_large")]
    public async Task A_refund_the_card_or_the_charge_cannot_take_is_rejected_for_good(string token, int amount, string code)
    {
        var charge = await gateway.ChargeAsync(new ChargeRequest("o-1", 10m, token), Key, CancellationToken.None);

        var error = await Assert.ThrowsAsync<PaymentRejectedException>(() => gateway.RefundAsync(new RefundRequest(charge.PaymentId!, amount), OtherKey, CancellationToken.None));

        Assert.Equal(code, error.Code);
        Assert.Equal(0, gateway.Refunds);
    }

    [Fact]
    public async Task A_refund_of_a_charge_the_gateway_never_made_is_rejected()
    {
        var error = await Assert.ThrowsAsync<PaymentRejectedException>(() => gateway.RefundAsync(new RefundRequest(SimulatedPaymentGateway.PaymentIdOf(Key), 10m), OtherKey, CancellationToken.None));
        Assert.Equal("resource_missing", error.Code);
    }

    [Fact]
    public async Task A_closed_refund_key_refunds_nothing_afterwards()
    {
        var charge = await gateway.ChargeAsync(new ChargeRequest("o-1", 10m, "tok_visa"), Key, CancellationToken.None);

        Assert.Null(await gateway.CloseRefundAsync(OtherKey, CancellationToken.None));

        var error = await Assert.ThrowsAsync<PaymentRejectedException>(() => gateway.RefundAsync(new RefundRequest(charge.PaymentId!, 10m), OtherKey, CancellationToken.None));
        Assert.Equal("refund_closed", error.Code);
    }

    [Fact]
    public async Task A_charge_stored_before_currencies_existed_answers_the_same_charge_in_euros()
    {
        stored[Key] = new KeyedCall(Key, """{"orderId":"o-1","amount":10.00,"paymentToken":"tok_visa"}""", """{"paymentId":"ch_1","declineReason":null}""");

        var result = await gateway.ChargeAsync(new ChargeRequest("o-1", 10m, "tok_visa", "EUR"), Key, CancellationToken.None);

        Assert.Equal(ChargeResult.Captured("ch_1"), result);
        await Assert.ThrowsAsync<PaymentRejectedException>(() => gateway.ChargeAsync(new ChargeRequest("o-1", 10m, "tok_visa", "USD"), Key, CancellationToken.None));
    }

    [Fact]
    public async Task A_refund_in_another_currency_than_its_charge_is_rejected()
    {
        var charge = await gateway.ChargeAsync(new ChargeRequest("o-1", 10m, "tok_visa", "USD"), Key, CancellationToken.None);

        var refused = await Assert.ThrowsAsync<PaymentRejectedException>(() =>
            gateway.RefundAsync(new RefundRequest(charge.PaymentId!, 10m, "EUR"), OtherKey, CancellationToken.None));

        Assert.Equal("currency_mismatch", refused.Code);
        Assert.NotNull(await gateway.RefundAsync(new RefundRequest(charge.PaymentId!, 10m, "USD"), OtherKey, CancellationToken.None));
    }
}
