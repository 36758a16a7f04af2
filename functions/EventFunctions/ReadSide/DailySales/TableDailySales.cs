using System.Collections.Concurrent;
using System.Globalization;
using Azure.Data.Tables;
using EventFunctions.Contracts;
using EventFunctions.ReadSide.Versions;
using EventFunctions.Storage;

namespace EventFunctions.ReadSide.DailySales;

/// <summary>
/// Reads a sku's sales from the active version of the daily sales read model: in each shard, one range query over the
/// days asked that returns only the sales holding the sku (a filter on its property), then the prices of the orders
/// found, <see cref="TableLimits.RowKeysPerQuery"/> per query; and what a version built before this layout kept
/// (<see cref="LegacyDailySalesRows"/>), where the table still holds it.
/// </summary>
public sealed class TableDailySales(ViewTables views, TimeProvider clock) : IDailySales
{
    private readonly LegacyLayout legacyLayout = new(LegacyDailySalesRows.PresentAsync, clock);

    public async Task<SkuSales> GetAsync(string sku, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var table = await views.ReadTableAsync(ReadModels.DailySales, cancellationToken);
        var sold = new ConcurrentBag<SoldUnits>();
        var prices = new ConcurrentDictionary<string, UnitPrice>();
        var shards = Enumerable.Range(0, Topics.Partitions).Select(OrderShard.OfPartition);
        await Parallel.ForEachAsync(shards, cancellationToken, async (shard, token) =>
        {
            var sales = await SoldInAsync(table, shard, sku, from, to, token);
            foreach (var sale in sales) sold.Add(sale);
            foreach (var (orderId, price) in await PricesInAsync(table, shard, sku, sales.Select(s => s.OrderId), token))
                prices[orderId] = price;
        });
        var legacy = await legacyLayout.PresentAsync(table, cancellationToken)
            ? await LegacyDailySalesRows.ReadAsync(table, sku, from, to, cancellationToken)
            : ([], []);
        foreach (var (orderId, price) in legacy.Prices) prices.TryAdd(orderId, price);
        return new SkuSales(sku, from, to, SalesFold.ByDay([.. sold.DistinctBy(s => s.OrderId), .. legacy.Sold.Where(s => sold.All(n => n.OrderId != s.OrderId))], prices));
    }

    private static async Task<List<SoldUnits>> SoldInAsync(TableClient table, string shard, string sku, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var quantity = SkuProperty.Quantity(sku);
        // '}' sorts right after '|': the range ends after every row of the last day. A property missing from a row
        // fails the comparison, so only the sales of this sku come back. The name is hex: safe in the filter.
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {shard} and RowKey ge {OrderSold.DayKey(from)} and RowKey lt {OrderSold.DayKey(to)[..^1] + "}"}") + $" and {quantity} gt 0";
        var sold = new List<SoldUnits>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["OrderId", OrderSold.DayProperty, quantity], cancellationToken: cancellationToken))
            sold.Add(new SoldUnits(row.GetString("OrderId"),
                DateOnly.ParseExact(row.GetString(OrderSold.DayProperty), "yyyy-MM-dd", CultureInfo.InvariantCulture), row.GetInt32(quantity) ?? 0));
        return sold;
    }

    private static async Task<List<(string OrderId, UnitPrice Price)>> PricesInAsync(
        TableClient table, string shard, string sku, IEnumerable<string> orderIds, CancellationToken cancellationToken)
    {
        var price = SkuProperty.Price(sku);
        var found = new List<(string, UnitPrice)>();
        foreach (var orders in orderIds.Distinct().Chunk(TableLimits.RowKeysPerQuery))
            foreach (var row in await TableRows.FindAsync(table, shard, orders.Select(o => OrderPrices.RowKeyPrefix + o).ToList(), ["OrderId", OrderPrices.CurrencyProperty, price], cancellationToken))
                if (row.GetString(price) is { } amount)
                    found.Add((row.GetString("OrderId"), new UnitPrice(decimal.Parse(amount, CultureInfo.InvariantCulture), row.GetString(OrderPrices.CurrencyProperty))));
        return found;
    }
}
