using System.Globalization;
using EventFunctions.Functions;

namespace EventFunctions.Functions.ProjectDailySales;

/// <summary>
/// The price an order pays for a sku, from its OrderValidated: one row in the sku's partition, beside the units it sold.
/// The topics are not ordered relative to each other, so the price and the sale arrive in either order; the read joins them.
/// </summary>
public sealed record SkuPrice(string Sku, string OrderId, decimal UnitPrice, string Currency) : StateChange
{
    public const string RowKeyPrefix = "price|";
    public const string UnitPriceProperty = "UnitPrice";
    public const string CurrencyProperty = "Currency";

    public override string RowKey => RowKeyPrefix + OrderId;

    public override string? Partition => Sku;

    public override ConflictRule OnConflict => ConflictRule.Upsert;

    // Table Storage has no decimal: the invariant text keeps it exact.
    public override IReadOnlyDictionary<string, object> Properties => new Dictionary<string, object>
    {
        ["OrderId"] = OrderId,
        [UnitPriceProperty] = UnitPrice.ToString(CultureInfo.InvariantCulture),
        [CurrencyProperty] = Currency,
    };
}

/// <summary>Units of a sku an order took, on the day its stock was reserved (UTC): the order is confirmed, the sale made.</summary>
public sealed record SkuSold(string Sku, string OrderId, DateOnly Day, int Quantity) : StateChange
{
    public const string RowKeyPrefix = "sold|";
    public const string QuantityProperty = "Quantity";

    public static string DayKey(DateOnly day) => RowKeyPrefix + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "|";

    public override string RowKey => DayKey(Day) + OrderId;

    public override string? Partition => Sku;

    public override ConflictRule OnConflict => ConflictRule.Upsert;

    public override IReadOnlyDictionary<string, object> Properties => new Dictionary<string, object>
    {
        ["OrderId"] = OrderId,
        ["Day"] = Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        [QuantityProperty] = Quantity,
    };
}
