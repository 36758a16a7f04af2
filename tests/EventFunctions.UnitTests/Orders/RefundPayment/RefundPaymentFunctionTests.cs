using EventFunctions.Orders.Payments;
using EventFunctions.Orders.RefundPayment;
using EventFunctions.Processing;

namespace EventFunctions.UnitTests.Orders.RefundPayment;

public class RefundPaymentFunctionTests
{
    private readonly Mock<IPaymentGateway> gateway = new(MockBehavior.Strict);

    private RefundPaymentFunction Function => new(gateway.Object, TestEvents.Clock());

    [Fact]
    public async Task A_shortage_refunds_the_whole_charge_once_keyed_by_the_charge()
    {
        gateway.Setup(g => g.RefundAsync(new RefundRequest("ch_1", 20m), RefundPaymentFunction.IdempotencyKey("ch_1"), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new RefundResult("re_1"));
        var shortage = TestEvents.Envelope(new StockUnavailable("o-1", ["sku-a"], "ch_1", 20m));

        var effect = Assert.Single(await Function.HandleAsync([shortage], CancellationToken.None));

        Assert.Equal(new PaymentRefunded("o-1", "ch_1", "re_1", 20m), Assert.Single(effect.Emits).Data);
        var refund = Assert.IsType<PaymentRefund>(Assert.Single(effect.Changes));
        Assert.Equal(new PaymentRefund("o-1", "ch_1", 20m, "re_1"), refund);
        Assert.Equal(ConflictRule.Exclusive, refund.OnConflict);
        gateway.Verify(g => g.RefundAsync(It.IsAny<RefundRequest>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_refund_the_gateway_refuses_for_good_closes_its_key_and_ends_in_RefundFailed_for_a_person_to_pay_back()
    {
        gateway.Setup(g => g.CloseRefundAsync(RefundPaymentFunction.IdempotencyKey("ch_1"), It.IsAny<CancellationToken>())).ReturnsAsync((RefundResult?)null);
        var shortage = TestEvents.Envelope(new StockUnavailable("o-1", ["sku-a"], "ch_1", 20m));

        var effect = await Function.SettleAsync(shortage, "payment gateway: expired_or_canceled_card: the card was closed", CancellationToken.None);

        Assert.Equal(new RefundFailed("o-1", "ch_1", 20m, "payment gateway: expired_or_canceled_card: the card was closed"), Assert.Single(effect.Emits).Data);
        var row = Assert.IsType<PaymentRefund>(Assert.Single(effect.Changes));
        Assert.Equal(("failed", ConflictRule.Exclusive), ((string)row.Properties["Status"], row.OnConflict));
        Assert.Equal(DeterministicIdOf(shortage), Assert.Single(effect.Emits).Id);
    }

    [Fact]
    public async Task A_refund_made_before_its_key_was_closed_stands()
    {
        gateway.Setup(g => g.CloseRefundAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync(new RefundResult("re_1"));
        var shortage = TestEvents.Envelope(new StockUnavailable("o-1", ["sku-a"], "ch_1", 20m));

        var effect = await Function.SettleAsync(shortage, "Table Storage: request rejected", CancellationToken.None);

        Assert.Equal(new PaymentRefunded("o-1", "ch_1", "re_1", 20m), Assert.Single(effect.Emits).Data);
        gateway.Verify(g => g.RefundAsync(It.IsAny<RefundRequest>(), It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static string DeterministicIdOf(EventEnvelope cause) => EventFunctions.Messaging.DeterministicId.For(ConsumerGroups.RefundPayment, cause.Id);

    [Fact]
    public void Its_refund_row_shares_the_ledger_with_the_charge_but_not_its_key()
    {
        Assert.Equal(EventFunctions.Storage.TableStorage.Payments, Function.HomeTable);
        Assert.NotEqual(
            new PaymentRefund("o-1", "ch_1", 20m, "re_1").RowKey,
            new EventFunctions.Orders.ProcessPayment.PaymentCharge("o-1", "ch_1", 20m, null).RowKey);
    }

    [Fact]
    public void It_compensates_only_shortages()
    {
        Assert.True(Function.Handles(TestEvents.Envelope(new StockUnavailable("o-1", ["sku-a"], "ch_1", 20m))));
        Assert.False(Function.Handles(TestEvents.Envelope(new StockReserved("o-1", [new("sku-a", 1)]))));
    }
}
