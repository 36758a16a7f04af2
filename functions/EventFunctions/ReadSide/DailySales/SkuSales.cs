namespace EventFunctions.ReadSide.DailySales;

/// <summary>A sku's sales per day over <see cref="From"/>..<see cref="To"/> (UTC days, both included), days without sales left out.</summary>
public sealed record SkuSales(string Sku, DateOnly From, DateOnly To, IReadOnlyList<DaySales> Days)
{
    public int Units => Days.Sum(d => d.Units);

    /// <summary>By currency: a sku is priced in one currency at a time, but its price, currency included, can change.</summary>
    public IReadOnlyDictionary<string, decimal> Revenue => SalesFold.Add(Days.Select(d => d.Revenue));
}

/// <summary>
/// One day's confirmed sales of a sku. <see cref="UnpricedUnits"/> are units whose order's price the read model has not
/// seen yet (the price and the confirmation travel on different topics): counted in <see cref="Units"/>, not yet in
/// <see cref="Revenue"/>.
/// </summary>
public sealed record DaySales(DateOnly Day, int Orders, int Units, IReadOnlyDictionary<string, decimal> Revenue, int UnpricedUnits);

/// <summary>A sale as the read model keeps it: units of the sku an order took on a day.</summary>
public sealed record SoldUnits(string OrderId, DateOnly Day, int Quantity);

/// <summary>The price an order paid for the sku, in its currency.</summary>
public sealed record UnitPrice(decimal Amount, string Currency);

/// <summary>The pure fold of sales and prices into days.</summary>
public static class SalesFold
{
    public static IReadOnlyList<DaySales> ByDay(IEnumerable<SoldUnits> sold, IReadOnlyDictionary<string, UnitPrice> unitPriceByOrder) =>
        sold.GroupBy(s => s.Day).OrderBy(day => day.Key).Select(day => new DaySales(
            day.Key,
            day.Select(s => s.OrderId).Distinct().Count(),
            day.Sum(s => s.Quantity),
            day.Where(s => unitPriceByOrder.ContainsKey(s.OrderId))
                .GroupBy(s => unitPriceByOrder[s.OrderId].Currency)
                .ToDictionary(c => c.Key, c => c.Sum(s => s.Quantity * unitPriceByOrder[s.OrderId].Amount)),
            day.Where(s => !unitPriceByOrder.ContainsKey(s.OrderId)).Sum(s => s.Quantity))).ToList();

    public static IReadOnlyDictionary<string, decimal> Add(IEnumerable<IReadOnlyDictionary<string, decimal>> amounts) =>
        amounts.SelectMany(a => a).GroupBy(a => a.Key).ToDictionary(c => c.Key, c => c.Sum(a => a.Value));
}
