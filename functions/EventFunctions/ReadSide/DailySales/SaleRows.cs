using System.Globalization;
using System.Text;
using EventFunctions.Contracts.Events;
using EventFunctions.Processing;

namespace EventFunctions.ReadSide.DailySales;

/// <summary>
/// The prices an order pays, from its OrderValidated: one row in the order's shard, a property per sku. The topics are
/// not ordered relative to each other, so the prices and the sale arrive in either order; the read joins them.
/// </summary>
public sealed record OrderPrices(string OrderId, IReadOnlyList<PricedLine> Lines, string Currency) : StateChange
{
    public const string RowKeyPrefix = "price|";
    public const string CurrencyProperty = "Currency";

    public override string RowKey => RowKeyPrefix + OrderId;

    public override ConflictRule OnConflict => ConflictRule.Upsert;

    // Table Storage has no decimal: the invariant text keeps it exact.
    public override IReadOnlyDictionary<string, object> Properties => Lines
        .DistinctBy(l => l.Sku)
        .ToDictionary(l => SkuProperty.Price(l.Sku), l => (object)l.UnitPrice.ToString(CultureInfo.InvariantCulture))
        .Append(KeyValuePair.Create("OrderId", (object)OrderId))
        .Append(KeyValuePair.Create(CurrencyProperty, (object)Currency))
        .ToDictionary();
}

/// <summary>
/// The units an order took, on the day its stock was reserved (UTC): the order is confirmed, the sale made. One row in
/// the order's shard, keyed by day, a property per sku, so that a sku's sales over some days are one range query per
/// shard that returns only the rows holding that sku.
/// </summary>
public sealed record OrderSold(string OrderId, DateOnly Day, IReadOnlyList<OrderLine> Lines) : StateChange
{
    public const string RowKeyPrefix = "sold|";
    public const string DayProperty = "Day";

    public static string DayKey(DateOnly day) => RowKeyPrefix + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "|";

    public override string RowKey => DayKey(Day) + OrderId;

    public override ConflictRule OnConflict => ConflictRule.Upsert;

    public override IReadOnlyDictionary<string, object> Properties => Lines
        .GroupBy(l => l.Sku)
        .ToDictionary(sku => SkuProperty.Quantity(sku.Key), sku => (object)sku.Sum(l => l.Quantity))
        .Append(KeyValuePair.Create("OrderId", (object)OrderId))
        .Append(KeyValuePair.Create(DayProperty, (object)Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))
        .ToDictionary();
}

/// <summary>
/// A sku's properties in a sale's rows. A sku may hold '.', ':' and '-', which property names may not, and differs
/// from another by case alone: its UTF-8 bytes in hex name it exactly.
/// </summary>
public static class SkuProperty
{
    public static string Quantity(string sku) => "Q_" + Convert.ToHexString(Encoding.UTF8.GetBytes(sku));

    public static string Price(string sku) => "P_" + Convert.ToHexString(Encoding.UTF8.GetBytes(sku));
}
