using EventFunctions.Views.Sales;

namespace EventFunctions.UnitTests.Views;

public class SalesFoldTests
{
    private static readonly DateOnly Monday = new(2026, 11, 30);

    [Fact]
    public void Units_and_revenue_add_up_per_day_and_units_whose_price_is_not_in_yet_are_counted_apart()
    {
        SoldUnits[] sold = [new("o-1", Monday, 2), new("o-2", Monday, 3), new("o-3", Monday.AddDays(1), 1)];
        var prices = new Dictionary<string, decimal> { ["o-1"] = 2.5m, ["o-3"] = 4m };

        var days = SalesFold.ByDay(sold, prices);

        Assert.Equal([new DaySales(Monday, 2, 5, 5m, 3), new DaySales(Monday.AddDays(1), 1, 1, 4m, 0)], days);
    }
}
