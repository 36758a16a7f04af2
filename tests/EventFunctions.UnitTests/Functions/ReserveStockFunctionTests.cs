using EventFunctions.Functions.ReserveStock;

namespace EventFunctions.UnitTests.Functions;

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
                ["o-2"] = new(["sku-b"]),
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
    public void It_reserves_only_for_captured_payments()
    {
        Assert.True(Function.Handles(TestEvents.Envelope(TestEvents.Captured())));
        Assert.False(Function.Handles(TestEvents.Envelope(new PaymentDeclined("o-1", "card_declined"))));
    }
}
