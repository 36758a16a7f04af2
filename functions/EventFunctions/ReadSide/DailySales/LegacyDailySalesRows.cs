using System.Globalization;
using Azure.Data.Tables;
using EventFunctions.Storage;

namespace EventFunctions.ReadSide.DailySales;

/// <summary>
/// The daily sales layout before rows in the order's shard: a partition per sku, a <c>sold|{day}|{order}</c> row per
/// order and a <c>price|{order}</c> row beside it. Still read, so that a version built before the upgrade serves until
/// it is rebuilt (<c>./run.sh views rebuild daily-sales</c>); nothing writes it. Delete this file once every
/// deployment has rebuilt its daily sales.
/// </summary>
internal static class LegacyDailySalesRows
{
    /// <summary>Whether the table holds rows of this layout: any partition but the order shards'. Asked once per table and process.</summary>
    public static async Task<bool> PresentAsync(TableClient table, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey lt {"shard-"} or PartitionKey ge {"shard."}");
        await foreach (var _ in table.QueryAsync<TableEntity>(filter, maxPerPage: 1, select: ["PartitionKey"], cancellationToken: cancellationToken))
            return true;
        return false;
    }

    public static async Task<(List<SoldUnits> Sold, Dictionary<string, UnitPrice> Prices)> ReadAsync(
        TableClient table, string sku, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        var sold = new List<SoldUnits>();
        var prices = new Dictionary<string, UnitPrice>();
        // '}' sorts right after '|': the range ends after every row of the last day.
        var days = TableClient.CreateQueryFilter($"PartitionKey eq {sku} and RowKey ge {DayKey(from)} and RowKey lt {DayKey(to)[..^1] + "}"}");
        await foreach (var row in table.QueryAsync<TableEntity>(days, cancellationToken: cancellationToken))
            sold.Add(new SoldUnits(row.GetString("OrderId"), DateOnly.ParseExact(row.GetString("Day"), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                row.GetInt32("Quantity") ?? 0));
        foreach (var orders in sold.Select(s => s.OrderId).Distinct().Chunk(TableLimits.RowKeysPerQuery))
            foreach (var row in await TableRows.FindAsync(table, sku, orders.Select(o => "price|" + o).ToList(), null, cancellationToken))
                prices[row.GetString("OrderId")] = new UnitPrice(decimal.Parse(row.GetString("UnitPrice"), CultureInfo.InvariantCulture), row.GetString("Currency"));
        return (sold, prices);
    }

    private static string DayKey(DateOnly day) => "sold|" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "|";
}
