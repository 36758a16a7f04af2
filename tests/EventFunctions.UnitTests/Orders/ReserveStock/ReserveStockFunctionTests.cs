using EventFunctions.Orders.ReserveStock;

namespace EventFunctions.UnitTests.Orders.ReserveStock;

public class ReserveStockFunctionTests
{
    private readonly Mock<IStockReservations> stock = new(MockBehavior.Strict);

    private ReserveStockFunction Function => new(stock.Object, TestEvents.Clock());

    [Fact]
    public async Task A_batch_is_reserved_in_one_call_and_each_payment_gets_its_outcome()
    {
        IReadOnlyList<ReservationRequest>? asked = null;
        stock.Setup(s => s.ReserveAsync(It.IsAny<IReadOnlyList<ReservationRequest>>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyList<ReservationRequest> requests, CancellationToken _) => asked = requests)
            .ReturnsAsync(new Dictionary<string, ReservationOutcome>
            {
                ["o-1"] = ReservationOutcome.Reserved,
                ["o-2"] = ReservationOutcome.Short(["sku-b"]),
            });
        var paid = TestEvents.Captured("o-1", new OrderLine("sku-a", 1));
        var paidShort = new PaymentCaptured("o-2", "ch_2", 35m, [new("sku-a", 1), new("sku-b", 9)]);

        var effects = await Function.HandleAsync([TestEvents.Envelope(paid), TestEvents.Envelope(paidShort)], CancellationToken.None);

        Assert.Equal([new ReservationRequest("o-1", paid.Lines), new ReservationRequest("o-2", paidShort.Lines)], asked!);
        Assert.Equal(new StockReserved("o-1", paid.Lines), Assert.Single(effects[0].Emits).Data);
        var unavailable = Assert.IsType<StockUnavailable>(Assert.Single(effects[1].Emits).Data);
        Assert.Equal(("o-2", "ch_2", 35m), (unavailable.OrderId, unavailable.PaymentId, unavailable.Amount));
        Assert.Equal(["sku-b"], unavailable.Skus);
        Assert.All(effects, e => Assert.Empty(e.Changes));
        stock.Verify(s => s.ReserveAsync(It.IsAny<IReadOnlyList<ReservationRequest>>(), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task A_reservation_that_fails_for_good_gives_the_order_up_so_its_payment_is_refunded()
    {
        var payment = new PaymentCaptured("o-1", "ch_1", 20m, [new("sku-a", 1), new("sku-b", 2)]);
        stock.Setup(s => s.AbandonAsync(new ReservationRequest("o-1", payment.Lines), It.IsAny<CancellationToken>())).ReturnsAsync(ReservationOutcome.Abandoned);

        var effect = await Function.SettleAsync(TestEvents.Envelope(payment), "data: the stock level of sku 'sku-b' is not a whole number", CancellationToken.None);

        var unavailable = Assert.IsType<StockUnavailable>(Assert.Single(effect.Emits).Data);
        Assert.Equal(("o-1", "ch_1", 20m), (unavailable.OrderId, unavailable.PaymentId, unavailable.Amount));
        Assert.Equal("stock could not be reserved: data: the stock level of sku 'sku-b' is not a whole number", unavailable.Reason);
    }

    [Fact]
    public async Task An_order_already_reserved_whole_stays_reserved_when_settled()
    {
        var payment = TestEvents.Captured("o-1");
        stock.Setup(s => s.AbandonAsync(It.IsAny<ReservationRequest>(), It.IsAny<CancellationToken>())).ReturnsAsync(ReservationOutcome.Reserved);

        var effect = await Function.SettleAsync(TestEvents.Envelope(payment), "late failure", CancellationToken.None);

        Assert.Equal(new StockReserved("o-1", payment.Lines), Assert.Single(effect.Emits).Data);
    }

    [Fact]
    public void It_reserves_only_for_captured_payments()
    {
        Assert.True(Function.Handles(TestEvents.Envelope(TestEvents.Captured())));
        Assert.False(Function.Handles(TestEvents.Envelope(new PaymentDeclined("o-1", "card_declined"))));
    }
}
