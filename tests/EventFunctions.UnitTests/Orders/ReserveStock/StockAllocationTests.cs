using EventFunctions.Orders.ReserveStock;

namespace EventFunctions.UnitTests.Orders.ReserveStock;

public class StockAllocationTests
{
    private static readonly Dictionary<(string Sku, string OrderId), LineDecision> NothingRecorded = [];

    private static ReservationRequest Order(string orderId, params (string Sku, int Quantity)[] lines) =>
        new(orderId, lines.Select(l => new OrderLine(l.Sku, l.Quantity)).ToList());

    private static Dictionary<string, int> Stock(params (string Sku, int Available)[] levels) => levels.ToDictionary(l => l.Sku, l => l.Available);

    [Fact]
    public void An_order_whose_every_line_is_in_stock_takes_it_all()
    {
        var plan = StockAllocation.Plan([Order("o-1", ("a", 2), ("b", 1))], Stock(("a", 5), ("b", 1)), NothingRecorded);

        Assert.True(plan.Outcomes["o-1"].IsReserved);
        Assert.Equal(new Dictionary<string, int> { ["a"] = 3, ["b"] = 0 }, plan.Writes.ToDictionary(w => w.Sku, w => w.NewAvailable));
        Assert.All(plan.Writes, w => Assert.Equal(LineState.Reserved, Assert.Single(w.Decisions).Value.State));
    }

    [Fact]
    public void One_short_line_refuses_the_whole_order_and_takes_nothing()
    {
        var plan = StockAllocation.Plan([Order("o-1", ("a", 2), ("b", 3))], Stock(("a", 5), ("b", 2)), NothingRecorded);

        Assert.Equal(["b"], plan.Outcomes["o-1"].ShortSkus);
        var writes = plan.Writes.ToDictionary(w => w.Sku);
        Assert.Equal((5, 2), (writes["a"].NewAvailable, writes["b"].NewAvailable));
        Assert.Equal(new LineDecision(LineState.Refused, 2, Short: false), writes["a"].Decisions["o-1"]);
        Assert.Equal(new LineDecision(LineState.Refused, 3, Short: true), writes["b"].Decisions["o-1"]);
    }

    [Fact]
    public void An_unknown_sku_is_short()
    {
        var plan = StockAllocation.Plan([Order("o-1", ("nowhere", 1))], Stock(), NothingRecorded);

        Assert.Equal(["nowhere"], plan.Outcomes["o-1"].ShortSkus);
    }

    [Fact]
    public void Orders_of_one_batch_compete_for_stock_in_their_order()
    {
        var plan = StockAllocation.Plan(
            [Order("o-1", ("a", 3)), Order("o-2", ("a", 3)), Order("o-3", ("a", 2))],
            Stock(("a", 5)), NothingRecorded);

        Assert.True(plan.Outcomes["o-1"].IsReserved);
        Assert.Equal(["a"], plan.Outcomes["o-2"].ShortSkus);
        Assert.True(plan.Outcomes["o-3"].IsReserved);
        Assert.Equal(0, Assert.Single(plan.Writes).NewAvailable);
    }

    [Fact]
    public void An_order_asked_twice_in_a_batch_is_decided_once()
    {
        var plan = StockAllocation.Plan([Order("o-1", ("a", 3)), Order("o-1", ("a", 3))], Stock(("a", 5)), NothingRecorded);

        Assert.Equal(2, Assert.Single(plan.Writes).NewAvailable);
    }

    [Fact]
    public void An_order_already_decided_is_answered_from_its_record_without_touching_stock()
    {
        var recorded = new Dictionary<(string, string), LineDecision>
        {
            [("a", "o-1")] = new(LineState.Reserved, 2, Short: false),
            [("b", "o-1")] = new(LineState.Reserved, 1, Short: false),
        };

        var plan = StockAllocation.Plan([Order("o-1", ("a", 2), ("b", 1))], Stock(("a", 0), ("b", 0)), recorded);

        Assert.True(plan.Outcomes["o-1"].IsReserved);
        Assert.Empty(plan.Writes);
    }

    [Fact]
    public void A_refused_order_asked_again_stays_refused_for_the_same_skus_even_if_stock_came_back()
    {
        var recorded = new Dictionary<(string, string), LineDecision>
        {
            [("a", "o-1")] = new(LineState.Refused, 2, Short: false),
            [("b", "o-1")] = new(LineState.Refused, 3, Short: true),
        };

        var plan = StockAllocation.Plan([Order("o-1", ("a", 2), ("b", 3))], Stock(("a", 100), ("b", 100)), recorded);

        Assert.Equal(["b"], plan.Outcomes["o-1"].ShortSkus);
        Assert.Empty(plan.Writes);
    }

    [Fact]
    public void After_a_partial_failure_a_retry_that_finds_a_line_short_releases_the_lines_reserved_before()
    {
        // The first attempt wrote sku a's partition (reserved) and failed before writing sku b's; meanwhile b ran out.
        var recorded = new Dictionary<(string, string), LineDecision> { [("a", "o-1")] = new(LineState.Reserved, 2, Short: false) };

        var plan = StockAllocation.Plan([Order("o-1", ("a", 2), ("b", 1))], Stock(("a", 3), ("b", 0)), recorded);

        Assert.Equal(["b"], plan.Outcomes["o-1"].ShortSkus);
        var writes = plan.Writes.ToDictionary(w => w.Sku);
        Assert.Equal(5, writes["a"].NewAvailable);
        Assert.Equal(new LineDecision(LineState.Released, 2, Short: false), writes["a"].Releases["o-1"]);
        Assert.Equal(new LineDecision(LineState.Refused, 1, Short: true), writes["b"].Decisions["o-1"]);
    }

    [Fact]
    public void After_a_partial_failure_a_retry_that_finds_the_rest_in_stock_completes_the_reservation()
    {
        var recorded = new Dictionary<(string, string), LineDecision> { [("a", "o-1")] = new(LineState.Reserved, 2, Short: false) };

        var plan = StockAllocation.Plan([Order("o-1", ("a", 2), ("b", 1))], Stock(("a", 3), ("b", 4)), recorded);

        Assert.True(plan.Outcomes["o-1"].IsReserved);
        var write = Assert.Single(plan.Writes);
        Assert.Equal(("b", 3), (write.Sku, write.NewAvailable));
    }

    [Fact]
    public void A_line_refused_before_refuses_the_rest_of_the_order_even_when_they_are_in_stock()
    {
        var recorded = new Dictionary<(string, string), LineDecision> { [("b", "o-1")] = new(LineState.Refused, 1, Short: true) };

        var plan = StockAllocation.Plan([Order("o-1", ("a", 2), ("b", 1))], Stock(("a", 10), ("b", 10)), recorded);

        Assert.Equal(["b"], plan.Outcomes["o-1"].ShortSkus);
        var write = Assert.Single(plan.Writes);
        Assert.Equal(("a", 10), (write.Sku, write.NewAvailable));
        Assert.Equal(LineState.Refused, write.Decisions["o-1"].State);
    }

    [Fact]
    public void A_released_line_is_never_released_twice()
    {
        var recorded = new Dictionary<(string, string), LineDecision>
        {
            [("a", "o-1")] = new(LineState.Released, 2, Short: false),
            [("b", "o-1")] = new(LineState.Refused, 1, Short: true),
        };

        var plan = StockAllocation.Plan([Order("o-1", ("a", 2), ("b", 1))], Stock(("a", 5), ("b", 0)), recorded);

        Assert.Equal(["b"], plan.Outcomes["o-1"].ShortSkus);
        Assert.Empty(plan.Writes);
    }

    private static IReadOnlyDictionary<string, LineDecision> Recorded(params (string Sku, LineState State, int Quantity)[] lines) =>
        lines.ToDictionary(l => l.Sku, l => new LineDecision(l.State, l.Quantity, Short: false));

    [Fact]
    public void Abandoning_an_order_refuses_its_undecided_lines_and_releases_its_reserved_ones()
    {
        var plan = StockAllocation.Abandon(Order("o-1", ("a", 2), ("b", 1), ("c", 4)), Recorded(("a", LineState.Reserved, 2), ("c", LineState.Refused, 4)));

        Assert.False(plan.Outcome.IsReserved);
        Assert.Equal(new LineDecision(LineState.Refused, 1, Short: false), Assert.Single(plan.Refusals, r => r.Key == "b").Value);
        Assert.Equal(new LineDecision(LineState.Released, 2, Short: false), Assert.Single(plan.Releases, r => r.Key == "a").Value);
        Assert.Single(plan.Refusals);
        Assert.Single(plan.Releases);
    }

    [Fact]
    public void An_order_already_reserved_whole_stays_reserved_when_abandoned()
    {
        var plan = StockAllocation.Abandon(Order("o-1", ("a", 2), ("b", 1)), Recorded(("a", LineState.Reserved, 2), ("b", LineState.Reserved, 1)));

        Assert.True(plan.Outcome.IsReserved);
        Assert.Empty(plan.Refusals);
        Assert.Empty(plan.Releases);
    }

    [Fact]
    public void Abandoning_an_order_abandoned_before_writes_nothing()
    {
        var plan = StockAllocation.Abandon(Order("o-1", ("a", 2), ("b", 1)), Recorded(("a", LineState.Released, 2), ("b", LineState.Refused, 1)));

        Assert.False(plan.Outcome.IsReserved);
        Assert.Empty(plan.Refusals);
        Assert.Empty(plan.Releases);
    }

    [Fact]
    public void Once_abandoned_an_order_can_never_be_reserved_by_an_attempt_still_running()
    {
        var abandoned = StockAllocation.Abandon(Order("o-1", ("a", 2), ("b", 1)), Recorded());
        var recorded = abandoned.Refusals.ToDictionary(r => (r.Key, "o-1"), r => r.Value);

        var late = StockAllocation.Plan([Order("o-1", ("a", 2), ("b", 1))], Stock(("a", 10), ("b", 10)), recorded);

        Assert.False(late.Outcomes["o-1"].IsReserved);
        Assert.Empty(late.Writes);
    }
}
