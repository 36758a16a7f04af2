using EventFunctions.Orders.Payments;
using EventFunctions.Orders.ProcessPayment;
using EventFunctions.Processing;

namespace EventFunctions.UnitTests.Orders.ProcessPayment;

public class ProcessPaymentFunctionTests
{
    private readonly Mock<IPaymentGateway> gateway = new(MockBehavior.Strict);

    private ProcessPaymentFunction Function => new(gateway.Object, TestEvents.Clock());

    [Fact]
    public async Task A_captured_charge_emits_PaymentCaptured_and_records_the_one_charge_of_the_order()
    {
        gateway.Setup(g => g.ChargeAsync(new ChargeRequest("o-1", 20m, "tok_visa"), ProcessPaymentFunction.IdempotencyKey("o-1"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(ChargeResult.Captured("ch_1"));

        var effect = Assert.Single(await Function.HandleAsync([TestEvents.Envelope(TestEvents.Validated())], CancellationToken.None));

        var captured = Assert.IsType<PaymentCaptured>(Assert.Single(effect.Emits).Data);
        Assert.Equal(("o-1", "ch_1", 20m), (captured.OrderId, captured.PaymentId, captured.Amount));
        Assert.Equal([new OrderLine("sku-a", 2)], captured.Lines);
        var charge = Assert.IsType<PaymentCharge>(Assert.Single(effect.Changes));
        Assert.Equal(new PaymentCharge("o-1", "ch_1", 20m, null), charge);
        Assert.Equal(ConflictRule.Exclusive, charge.OnConflict);
    }

    [Fact]
    public async Task A_declined_charge_emits_PaymentDeclined_with_the_reason_and_still_records_the_charge()
    {
        gateway.Setup(g => g.ChargeAsync(It.IsAny<ChargeRequest>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(ChargeResult.Declined("card_declined"));

        var effect = Assert.Single(await Function.HandleAsync([TestEvents.Envelope(TestEvents.Validated(token: "tok_chargeDeclined"))], CancellationToken.None));

        Assert.Equal(new PaymentDeclined("o-1", "card_declined"), Assert.Single(effect.Emits).Data);
        Assert.Equal(new PaymentCharge("o-1", null, 20m, "card_declined"), Assert.Single(effect.Changes));
    }

    [Fact]
    public async Task Two_events_about_one_order_ask_the_gateway_with_one_idempotency_key()
    {
        var keys = new List<string>();
        gateway.Setup(g => g.ChargeAsync(It.IsAny<ChargeRequest>(), Capture.In(keys), It.IsAny<CancellationToken>()))
            .ReturnsAsync(ChargeResult.Captured("ch_1"));
        var first = TestEvents.Envelope(TestEvents.Validated(), id: "event-1");
        var copy = TestEvents.Envelope(TestEvents.Validated(), id: "event-2");

        await Function.HandleAsync([first], CancellationToken.None);
        await Function.HandleAsync([copy], CancellationToken.None);

        Assert.Equal(2, keys.Count);
        Assert.Single(keys.Distinct());
        Assert.NotEqual(ProcessPaymentFunction.IdempotencyKey("o-2"), keys[0]);
    }

    [Fact]
    public async Task A_gateway_failure_fails_the_batch_so_the_trigger_retries_it()
    {
        gateway.Setup(g => g.ChargeAsync(It.IsAny<ChargeRequest>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new HttpRequestException("gateway unavailable"));

        await Assert.ThrowsAsync<HttpRequestException>(() => Function.HandleAsync([TestEvents.Envelope(TestEvents.Validated())], CancellationToken.None));
    }

    [Fact]
    public async Task A_payment_that_fails_for_good_closes_the_charge_key_then_declines_with_the_reason()
    {
        gateway.Setup(g => g.CloseChargeAsync(ProcessPaymentFunction.IdempotencyKey("o-1"), It.IsAny<CancellationToken>())).ReturnsAsync((ChargeResult?)null);

        var effect = await Function.SettleAsync(TestEvents.Envelope(TestEvents.Validated()), "payment gateway: amount_too_large: above the maximum", CancellationToken.None);

        Assert.Equal(new PaymentDeclined("o-1", "payment could not be processed: payment gateway: amount_too_large: above the maximum"), Assert.Single(effect.Emits).Data);
        Assert.Equal(new PaymentCharge("o-1", null, 20m, "payment could not be processed: payment gateway: amount_too_large: above the maximum"), Assert.Single(effect.Changes));
        gateway.Verify(g => g.ChargeAsync(It.IsAny<ChargeRequest>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_charge_made_before_its_key_was_closed_stands_and_goes_on_to_stock()
    {
        gateway.Setup(g => g.CloseChargeAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(ChargeResult.Captured("ch_1"));

        var effect = await Function.SettleAsync(TestEvents.Envelope(TestEvents.Validated()), "late failure", CancellationToken.None);

        Assert.Equal("ch_1", Assert.IsType<PaymentCaptured>(Assert.Single(effect.Emits).Data).PaymentId);
    }

    [Fact]
    public void It_ignores_rejected_orders()
    {
        Assert.True(Function.Handles(TestEvents.Envelope(TestEvents.Validated())));
        Assert.False(Function.Handles(TestEvents.Envelope(new OrderRejected("o-1", "order has no lines"))));
    }
}
