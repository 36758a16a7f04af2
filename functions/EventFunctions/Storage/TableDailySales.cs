using System.Collections.Concurrent;
using System.Globalization;
using Azure.Data.Tables;
using EventFunctions.Functions.ProjectDailySales;
using EventFunctions.Views.Sales;
using EventFunctions.Views.Versions;

namespace EventFunctions.Storage;

/// <summary>
/// Reads a sku's sales from the active version of the daily sales read model: one range query over the days asked
/// (the sku's partition, rows keyed by day), then the prices of the orders found, <see cref="TableLimits.RowKeysPerQuery"/> per query.
/// </summary>
public sealed class TableDailySales(ViewTables views) : IDailySales
{
    public async Task<SkuSales> GetAsync(string sku, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var table = await views.ReadTableAsync(ReadModels.DailySales, cancellationToken);
        var sold = new List<SoldUnits>();
        // '}' sorts right after '|': the range ends after every row of the last day.
        var days = TableClient.CreateQueryFilter(
            $"PartitionKey eq {sku} and RowKey ge {SkuSold.DayKey(from)} and RowKey lt {SkuSold.DayKey(to)[..^1] + "}"}");
        await foreach (var row in table.QueryAsync<TableEntity>(days, cancellationToken: cancellationToken))
            sold.Add(new SoldUnits(row.GetString("OrderId"), DateOnly.ParseExact(row.GetString("Day"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                row.GetInt32(SkuSold.QuantityProperty) ?? 0));

        var prices = new ConcurrentDictionary<string, UnitPrice>();
        await Parallel.ForEachAsync(sold.Select(s => s.OrderId).Distinct().Chunk(TableLimits.RowKeysPerQuery), cancellationToken, async (orders, token) =>
        {
            foreach (var row in await TableRows.FindAsync(table, sku, orders.Select(o => SkuPrice.RowKeyPrefix + o).ToList(), null, token))
                prices[row.GetString("OrderId")] = new UnitPrice(
                    decimal.Parse(row.GetString(SkuPrice.UnitPriceProperty), CultureInfo.InvariantCulture), row.GetString(SkuPrice.CurrencyProperty));
        });
        return new SkuSales(sku, from, to, SalesFold.ByDay(sold, prices));
    }
}
