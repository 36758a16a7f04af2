using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.UnitTests.ReadSide.OrderViews;

public class OrderViewTests
{
    private static readonly OrderPlaced Placed = new("o-1", "c-1", [new("sku-a", 2)], "tok_visa");
    private static readonly OrderValidated Validated = new("o-1", "c-1", [new("sku-a", 2, 5m)], 10m, "tok_visa");
    private static readonly PaymentCaptured Captured = new("o-1", "ch_1", 10m, [new("sku-a", 2)]);
    private static readonly StockUnavailable Unavailable = new("o-1", ["sku-a"], "ch_1", 10m);

    public static TheoryData<string, IOrderEvent[], OrderStatus, string?> Paths() => new()
    {
        { "confirmed", [Placed, Validated, Captured, new StockReserved("o-1", [new("sku-a", 2)])], OrderStatus.Confirmed, null },
        { "rejected", [Placed, new OrderRejected("o-1", "unknown sku: sku-a")], OrderStatus.Rejected, "unknown sku: sku-a" },
        { "declined", [Placed, Validated, new PaymentDeclined("o-1", "card_declined")], OrderStatus.PaymentDeclined, "card_declined" },
        { "cancelled", [Placed, Validated, Captured, Unavailable, new PaymentRefunded("o-1", "ch_1", "re_1", 10m)], OrderStatus.Cancelled, "stock unavailable: sku-a" },
        { "refund failed", [Placed, Validated, Captured, Unavailable, new RefundFailed("o-1", "ch_1", 10m, "expired_or_canceled_card")], OrderStatus.Cancelled, "stock unavailable: sku-a; refund failed: expired_or_canceled_card" },
        { "settled at stock", [Placed, Validated, Captured, Unavailable with { Skus = [], Reason = "stock could not be reserved: x" }, new PaymentRefunded("o-1", "ch_1", "re_1", 10m)], OrderStatus.Cancelled, "stock could not be reserved: x" },
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_order_and_repetition_of_a_path_folds_to_the_same_final_view(string path, IOrderEvent[] events, OrderStatus status, string? reason)
    {
        var expected = Summary(OrderView.Fold("o-1", events));
        Assert.Equal(status, expected.Status);
        Assert.Equal(reason, expected.Reason);
        Assert.Equal(events.Length, expected.Version);

        foreach (var permutation in Permutations(events))
        {
            Assert.Equal(expected, Summary(OrderView.Fold("o-1", permutation)));
            Assert.Equal(expected, Summary(OrderView.Fold("o-1", [.. permutation, .. permutation.Reverse()])));
        }
        Assert.True(status.IsFinal(), path);
        Assert.True(OrderView.Fold("o-1", events).IsComplete, path);
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_final_status_missing_any_event_of_its_path_is_not_complete(string path, IOrderEvent[] events, OrderStatus status, string? reason)
    {
        foreach (var missing in events.Where(e => !OrderView.IsTerminal(e)))
        {
            var view = OrderView.Fold("o-1", events.Where(e => e != missing));
            Assert.False(view.IsComplete, $"{path} without {missing.GetType().Name}: {view.Status}, {reason}");
        }
        Assert.Equal(status, OrderView.Fold("o-1", events.Where(e => e is not OrderPlaced)).Status);
    }

    [Fact]
    public void The_view_carries_customer_priced_lines_and_total_once_validated()
    {
        var view = OrderView.Fold("o-1", [Validated, Placed]);

        Assert.Equal((OrderStatus.Validated, "c-1", 10m), (view.Status, view.CustomerId, view.Total));
        Assert.Equal([new PricedLineView("sku-a", 2, 5m)], view.Lines);
    }

    [Fact]
    public void Before_validation_the_lines_have_no_price()
    {
        var view = OrderView.Fold("o-1", [Placed]);

        Assert.Equal((OrderStatus.Placed, null, 1, false), (view.Status, view.Total, view.Version, view.IsComplete));
        Assert.Equal([new PricedLineView("sku-a", 2, null)], view.Lines);
    }

    [Fact]
    public void A_later_event_arriving_first_already_shows_the_furthest_state_proved()
    {
        var view = OrderView.Fold("o-1", [Captured]);

        Assert.Equal(OrderStatus.Paid, view.Status);
        Assert.Null(view.CustomerId);
        Assert.False(view.Status.IsFinal());
    }

    [Fact]
    public void A_shortage_not_yet_refunded_is_paid_with_the_refund_pending()
    {
        var view = OrderView.Fold("o-1", [Placed, Validated, Captured, Unavailable]);

        Assert.Equal((OrderStatus.Paid, "stock unavailable: sku-a; refund pending"), (view.Status, view.Reason));
        Assert.False(view.IsComplete);
    }

    private static (OrderStatus Status, string? Reason, string? CustomerId, decimal? Total, string Lines, int Version) Summary(OrderView view) =>
        (view.Status, view.Reason, view.CustomerId, view.Total, string.Join(";", view.Lines), view.Version);

    private static IEnumerable<IOrderEvent[]> Permutations(IOrderEvent[] events) =>
        events.Length <= 1
            ? [events]
            : events.SelectMany((first, i) => Permutations([.. events[..i], .. events[(i + 1)..]]).Select(rest => (IOrderEvent[])[first, .. rest]));

    [Fact]
    public void The_view_shows_the_currency_of_its_order()
    {
        Assert.Equal("EUR", OrderView.Fold("o-1", [TestEvents.Placed("o-1")]).Currency);
        Assert.Equal("USD", OrderView.Fold("o-1", [TestEvents.Validated("o-1") with { Currency = "USD" }]).Currency);
        Assert.Null(OrderView.Fold("o-1", [new OrderRejected("o-1", "no")]).Currency);
    }
}
