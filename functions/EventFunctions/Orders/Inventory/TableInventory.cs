using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
using EventFunctions.Contracts;
using EventFunctions.Orders.ValidateOrder;
using EventFunctions.Storage;

namespace EventFunctions.Orders.Inventory;

/// <summary>
/// The catalogue and stock: one partition per sku, holding its item row (unit price, stock available) and one
/// row per order line reserved from it, so a stock change and the reservation behind it commit together.
/// </summary>
public sealed class TableInventory(TableStorage tables, TimeProvider clock) : ICatalogue
{
    /// <summary>
    /// How long a price read for validation is reused. A price set through this instance replaces it at once;
    /// one set through another instance is seen within this time.
    /// </summary>
    public static readonly TimeSpan PriceCacheTime = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, (CataloguePrice? Price, DateTimeOffset ReadAt)> prices = new();

    public const string ItemRowKey = "item";
    public const string AvailableProperty = "Available";
    public const string UnitPriceProperty = "UnitPrice";

    /// <summary>Absent from rows written before currencies existed: those prices were in euros.</summary>
    public const string CurrencyProperty = "Currency";

    private TableClient Table => tables.Table(TableStorage.Inventory);

    public async Task<IReadOnlyDictionary<string, CataloguePrice>> GetPricesAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var found = await Task.WhenAll(skus.Select(async sku =>
        {
            if (prices.TryGetValue(sku, out var cached) && now - cached.ReadAt < PriceCacheTime) return (Sku: sku, cached.Price);
            var price = await GetPriceAsync(sku, cancellationToken);
            prices[sku] = (price, now);
            return (Sku: sku, Price: price);
        }));
        return found.Where(f => f.Price is not null).ToDictionary(f => f.Sku, f => f.Price!);
    }

    /// <summary>Only the price: validation must not depend on the stock level, which is ReserveStock's to read.</summary>
    private async Task<CataloguePrice?> GetPriceAsync(string sku, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(sku, ItemRowKey, select: ["PartitionKey", UnitPriceProperty, CurrencyProperty], cancellationToken: cancellationToken);
        return row.HasValue ? new CataloguePrice(UnitPriceOf(row.Value!), CurrencyOf(row.Value!)) : null;
    }

    public async Task<InventoryItem?> GetAsync(string sku, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(sku, ItemRowKey, cancellationToken: cancellationToken);
        return row.HasValue ? ToItem(row.Value!) : null;
    }

    /// <summary>Sets the price and the quantity available; reservations in flight see the change through their ETag check and re-plan.</summary>
    public async Task<InventoryItem> SetAsync(InventoryItem item, CancellationToken cancellationToken)
    {
        var row = new TableEntity(item.Sku, ItemRowKey)
        {
            [AvailableProperty] = item.Quantity,
            [UnitPriceProperty] = item.UnitPrice.ToString(CultureInfo.InvariantCulture),
            [CurrencyProperty] = item.Currency,
        };
        await Table.UpsertEntityAsync(row, TableUpdateMode.Merge, cancellationToken);
        prices[item.Sku] = (new CataloguePrice(item.UnitPrice, item.Currency), clock.GetUtcNow());
        return item;
    }

    internal static InventoryItem ToItem(TableEntity row) => new(row.PartitionKey, AvailableOf(row), UnitPriceOf(row), CurrencyOf(row));

    /// <summary>The stock level of an item row; a row edited into something else cannot be read, ever: that is permanent.</summary>
    internal static int AvailableOf(TableEntity row) => Property(row, AvailableProperty) switch
    {
        null => 0,
        int available => available,
        var other => throw new InvalidDataException($"The stock level of sku '{row.PartitionKey}' is not a whole number: '{other}'."),
    };

    internal static decimal UnitPriceOf(TableEntity row) =>
        Property(row, UnitPriceProperty) is string text && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var price)
            ? price
            : throw new InvalidDataException($"The unit price of sku '{row.PartitionKey}' is not a number: '{Property(row, UnitPriceProperty)}'.");

    private static string CurrencyOf(TableEntity row) => Property(row, CurrencyProperty) as string ?? CurrencyCode.Default;

    private static object? Property(TableEntity row, string name) => row.TryGetValue(name, out var value) ? value : null;
}

public sealed record InventoryItem(string Sku, int Quantity, decimal UnitPrice, string Currency = CurrencyCode.Default);
