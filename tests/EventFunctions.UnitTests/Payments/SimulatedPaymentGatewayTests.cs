using EventFunctions.Payments;

namespace EventFunctions.UnitTests.Payments;

public class SimulatedPaymentGatewayTests
{
    private readonly SimulatedPaymentGateway gateway = new();

    [Theory]
    [InlineData("tok_chargeDeclined", "card_declined")]
    [InlineData("tok_chargeDeclinedInsufficientFunds", "insufficient_funds")]
    [InlineData("tok_chargeDeclinedExpiredCard", "expired_card")]
    [InlineData("tok_unknown", "invalid_token")]
    public async Task Test_tokens_decline_with_their_reason(string token, string reason)
    {
        var result = await gateway.ChargeAsync(new ChargeRequest("o-1", 10m, token), "key-1", CancellationToken.None);

        Assert.Equal(ChargeResult.Declined(reason), result);
        Assert.Equal(0, gateway.Charges);
    }

    [Fact]
    public async Task The_same_key_charges_once_and_answers_the_first_result()
    {
        var request = new ChargeRequest("o-1", 10m, "tok_visa");

        var first = await gateway.ChargeAsync(request, "key-1", CancellationToken.None);
        var again = await gateway.ChargeAsync(request, "key-1", CancellationToken.None);
        var other = await gateway.ChargeAsync(request with { OrderId = "o-2" }, "key-2", CancellationToken.None);

        Assert.StartsWith("ch_", first.PaymentId);
        Assert.Equal(first, again);
        Assert.NotEqual(first.PaymentId, other.PaymentId);
        Assert.Equal(2, gateway.Charges);
    }

    [Fact]
    public async Task Racing_calls_with_one_key_charge_once()
    {
        var request = new ChargeRequest("o-1", 10m, "tok_mastercard");

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => Task.Run(() => gateway.ChargeAsync(request, "key-1", CancellationToken.None))));

        Assert.Single(results.Distinct());
        Assert.Equal(1, gateway.Charges);
    }

    [Fact]
    public async Task A_key_reused_for_another_request_is_refused()
    {
        await gateway.ChargeAsync(new ChargeRequest("o-1", 10m, "tok_visa"), "key-1", CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => gateway.ChargeAsync(new ChargeRequest("o-1", 99m, "tok_visa"), "key-1", CancellationToken.None));
    }

    [Fact]
    public async Task The_same_refund_key_refunds_once()
    {
        var request = new RefundRequest("ch_1", 10m);

        var first = await gateway.RefundAsync(request, "refund-key-1", CancellationToken.None);
        var again = await gateway.RefundAsync(request, "refund-key-1", CancellationToken.None);

        Assert.Equal(first, again);
        Assert.Equal(1, gateway.Refunds);
    }
}
