using EventFunctions.ReadSide.DailySales;

namespace EventFunctions.UnitTests.ReadSide.DailySales;

public class SalesFoldTests
{
    private static readonly DateOnly Monday = new(2026, 11, 30);

    [Fact]
    public void Units_and_revenue_add_up_per_day_and_units_whose_price_is_not_in_yet_are_counted_apart()
    {
        SoldUnits[] sold = [new("o-1", Monday, 2), new("o-2", Monday, 3), new("o-3", Monday.AddDays(1), 1)];
        var prices = new Dictionary<string, UnitPrice> { ["o-1"] = new(2.5m, "EUR"), ["o-3"] = new(4m, "EUR") };

        var days = SalesFold.ByDay(sold, prices);

        Assert.Equal([(Monday, 2, 5, 3), (Monday.AddDays(1), 1, 1, 0)], days.Select(d => (d.Day, d.Orders, d.Units, d.UnpricedUnits)));
        Assert.Equal([new Dictionary<string, decimal> { ["EUR"] = 5m }, new Dictionary<string, decimal> { ["EUR"] = 4m }], days.Select(d => d.Revenue));
    }

    [Fact]
    public void Revenue_in_different_currencies_is_never_added_together()
    {
        SoldUnits[] sold = [new("o-1", Monday, 2), new("o-2", Monday, 1)];
        var prices = new Dictionary<string, UnitPrice> { ["o-1"] = new(2.5m, "EUR"), ["o-2"] = new(3m, "USD") };

        var day = Assert.Single(SalesFold.ByDay(sold, prices));

        Assert.Equal(new Dictionary<string, decimal> { ["EUR"] = 5m, ["USD"] = 3m }, day.Revenue);
    }
}
