using System.Diagnostics;
using System.Net.Http.Json;
using Azure.Data.Tables;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Orders.Inventory;
using EventFunctions.Orders.ValidateOrder;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.Storage;

namespace EventFunctions.IntegrationTests.Pipeline;

/// <summary>
/// A permanent failure at any function ends its order final with the reason, in seconds: settled as a business
/// outcome, never retried into a stall, never dead-lettered. Each is a failure real data can cause; the projection's,
/// which bounded input cannot cause, is injected in the fault suite.
/// </summary>
[Collection(PipelineCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SettlementTests(PipelineFixture pipeline)
{
    /// <summary>Far below the 30 s of stalls a permanent failure used to cost; the pipeline's own hops take about a second each.</summary>
    private static readonly TimeSpan InSeconds = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task An_unreadable_price_rejects_the_order_with_the_reason()
    {
        var run = TestIds.Run();
        var (orderId, sku) = ($"settle-unpriced-{run}", $"settle-unpriced-sku-{run}");
        // Written straight to the table (an operator's edit, an older version's row), so no host has a good price in memory.
        await pipeline.Tables.Table(TableStorage.Inventory).UpsertEntityAsync(new TableEntity(sku, TableInventory.ItemRowKey)
        {
            [TableInventory.AvailableProperty] = 5,
            [TableInventory.UnitPriceProperty] = "ask",
        });
        var view = await PlaceUntilFinalAsync(orderId, "heidi", "tok_visa", (sku, 1));
        Assert.Equal(OrderStatus.Rejected, view.Status);
        Assert.StartsWith(OrderValidation.Reasons.NotProcessable(""), view.Reason);
        Assert.Contains("is not a number", view.Reason);
        Assert.Empty(await pipeline.LedgerAsync(orderId));
    }

    [Fact]
    public async Task An_amount_over_the_gateway_maximum_declines_the_order_and_charges_nothing()
    {
        var (orderId, sku) = await StockedAsync("settle-dear", 5, 600_000m);
        var view = await PlaceUntilFinalAsync(orderId, "ivan", "tok_visa", (sku, 2));
        Assert.Equal(OrderStatus.PaymentDeclined, view.Status);
        Assert.Contains("amount_too_large", view.Reason);
        var charge = Assert.Single(await pipeline.LedgerAsync(orderId));
        Assert.Equal("declined", charge.GetString("Status"));
        Assert.Equal(5, await pipeline.AvailableAsync(sku));
    }

    [Fact]
    public async Task An_unreadable_stock_level_cancels_the_order_and_refunds_its_charge_once()
    {
        var (orderId, sku) = await StockedAsync("settle-corrupt", 5, 3m);
        // An operator's edit, or an older version's row: a level that is not a whole number.
        await pipeline.Tables.Table(TableStorage.Inventory).UpsertEntityAsync(
            new TableEntity(sku, TableInventory.ItemRowKey) { [TableInventory.AvailableProperty] = "ten" }, TableUpdateMode.Merge);
        var view = await PlaceUntilFinalAsync(orderId, "judy", "tok_visa", (sku, 1));
        Assert.Equal(OrderStatus.Cancelled, view.Status);
        Assert.StartsWith("stock could not be reserved", view.Reason);
        Assert.Contains("not a whole number", view.Reason);
        var ledger = await pipeline.LedgerAsync(orderId);
        Assert.Equal(["captured", "refunded"], ledger.OrderBy(r => r.RowKey).Select(r => r.GetString("Status")));
    }

    [Fact]
    public async Task A_refund_the_gateway_refuses_ends_the_order_cancelled_with_the_refund_owed()
    {
        var (orderId, sku) = await StockedAsync("settle-closed-card", 1, 4m);
        var view = await PlaceUntilFinalAsync(orderId, "karl", "tok_refundFail", (sku, 3));
        Assert.Equal(OrderStatus.Cancelled, view.Status);
        Assert.Contains("refund failed: expired_or_canceled_card", view.Reason);
        var refund = Assert.Single(await pipeline.LedgerAsync(orderId), r => r.RowKey.EndsWith("|refund"));
        Assert.Equal("failed", refund.GetString("Status"));
        Assert.Equal(1, await pipeline.AvailableAsync(sku));
    }

    /// <summary>Places the order and waits for its final view, which must come in seconds and leave no dead letter.</summary>
    private async Task<OrderView> PlaceUntilFinalAsync(string orderId, string customerId, string paymentToken, (string Sku, int Quantity) line)
    {
        var clock = Stopwatch.StartNew();
        await pipeline.PlaceAsync(orderId, customerId, paymentToken, line);

        var view = await pipeline.FinalViewAsync(orderId);
        Assert.True(clock.Elapsed < InSeconds, $"settled after {clock.Elapsed}");
        Assert.Empty(pipeline.DeadLettersOf(orderId));
        return view;
    }

    private async Task<(string OrderId, string Sku)> StockedAsync(string prefix, int quantity, decimal price)
    {
        var run = TestIds.Run();
        await pipeline.StockAsync($"{prefix}-sku-{run}", quantity, price);
        return ($"{prefix}-{run}", $"{prefix}-sku-{run}");
    }
}
