using System.Diagnostics;
using System.Net.Http.Json;
using Azure.Data.Tables;
using EventFunctions.Functions.ProjectOrderView;
using EventFunctions.Functions.ValidateOrder;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Storage;

namespace EventFunctions.IntegrationTests.Pipeline;

/// <summary>
/// A permanent failure at any function ends its order final with the reason, in seconds: settled as a business
/// outcome, never retried into a stall, never dead-lettered. Each is a failure real data can cause.
/// </summary>
[Collection(PipelineCollection.Name)]
[Trait("Category", "Integration")]
public sealed class SettlementTests(PipelineFixture pipeline)
{
    /// <summary>Far below the 30 s of stalls a permanent failure used to cost; the pipeline's own hops take about a second each.</summary>
    private static readonly TimeSpan InSeconds = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_payment_token_too_large_to_store_rejects_the_order_and_its_view_keeps_the_fact_reduced()
    {
        var (orderId, sku) = await StockedAsync("settle-big", 5, 2m);
        var clock = Stopwatch.StartNew();

        await pipeline.PlaceAsync(orderId, "heidi", new string('t', 40_000), (sku, 1));

        var view = await pipeline.FinalViewAsync(orderId);
        Assert.True(clock.Elapsed < InSeconds, $"settled after {clock.Elapsed}");
        Assert.Equal(OrderStatus.Rejected, view.Status);
        Assert.StartsWith(OrderValidation.Reasons.NotProcessable(""), view.Reason);
        Assert.Contains("PropertyValueTooLarge", view.Reason);
        var placedFact = await FactAsync(orderId, "eventfunctions.OrderPlaced");
        Assert.Contains("PropertyValueTooLarge", placedFact.GetString(OrderFact.ProblemProperty));
        Assert.Contains(await pipeline.Http.GetFromJsonAsync<List<OrderView>>("/api/customers/heidi/orders", Http.OrdersApi.Json) ?? [], v => v.OrderId == orderId);
        Assert.Empty(pipeline.DeadLettersOf(orderId));
        Assert.Empty(await pipeline.LedgerAsync(orderId));
    }

    [Fact]
    public async Task An_amount_over_the_gateway_maximum_declines_the_order_and_charges_nothing()
    {
        var (orderId, sku) = await StockedAsync("settle-dear", 5, 600_000m);
        var clock = Stopwatch.StartNew();

        await pipeline.PlaceAsync(orderId, "ivan", "tok_visa", (sku, 2));

        var view = await pipeline.FinalViewAsync(orderId);
        Assert.True(clock.Elapsed < InSeconds, $"settled after {clock.Elapsed}");
        Assert.Equal(OrderStatus.PaymentDeclined, view.Status);
        Assert.Contains("amount_too_large", view.Reason);
        var charge = Assert.Single(await pipeline.LedgerAsync(orderId));
        Assert.Equal("declined", charge.GetString("Status"));
        Assert.Equal(5, await pipeline.AvailableAsync(sku));
        Assert.Empty(pipeline.DeadLettersOf(orderId));
    }

    [Fact]
    public async Task An_unreadable_stock_level_cancels_the_order_and_refunds_its_charge_once()
    {
        var (orderId, sku) = await StockedAsync("settle-corrupt", 5, 3m);
        // An operator's edit, or an older version's row: a level that is not a whole number.
        await pipeline.Tables.Table(TableStorage.Inventory).UpsertEntityAsync(
            new TableEntity(sku, TableInventory.ItemRowKey) { [TableInventory.AvailableProperty] = "ten" }, TableUpdateMode.Merge);
        var clock = Stopwatch.StartNew();

        await pipeline.PlaceAsync(orderId, "judy", "tok_visa", (sku, 1));

        var view = await pipeline.FinalViewAsync(orderId);
        Assert.True(clock.Elapsed < InSeconds, $"settled after {clock.Elapsed}");
        Assert.Equal(OrderStatus.Cancelled, view.Status);
        Assert.StartsWith("stock could not be reserved", view.Reason);
        Assert.Contains("not a whole number", view.Reason);
        var ledger = await pipeline.LedgerAsync(orderId);
        Assert.Equal(["captured", "refunded"], ledger.OrderBy(r => r.RowKey).Select(r => r.GetString("Status")));
        Assert.Empty(pipeline.DeadLettersOf(orderId));
    }

    [Fact]
    public async Task A_refund_the_gateway_refuses_ends_the_order_cancelled_with_the_refund_owed()
    {
        var (orderId, sku) = await StockedAsync("settle-closed-card", 1, 4m);
        var clock = Stopwatch.StartNew();

        await pipeline.PlaceAsync(orderId, "karl", "tok_refundFail", (sku, 3));

        var view = await pipeline.FinalViewAsync(orderId);
        Assert.True(clock.Elapsed < InSeconds, $"settled after {clock.Elapsed}");
        Assert.Equal(OrderStatus.Cancelled, view.Status);
        Assert.Contains("refund failed: expired_or_canceled_card", view.Reason);
        var refund = Assert.Single(await pipeline.LedgerAsync(orderId), r => r.RowKey.EndsWith("|refund"));
        Assert.Equal("failed", refund.GetString("Status"));
        Assert.Equal(1, await pipeline.AvailableAsync(sku));
        Assert.Empty(pipeline.DeadLettersOf(orderId));
    }

    [Fact]
    public async Task An_order_whose_total_overflows_is_rejected_as_a_decision()
    {
        var (orderId, sku) = await StockedAsync("settle-overflow", 5, decimal.MaxValue);

        await pipeline.PlaceAsync(orderId, "lena", "tok_visa", (sku, 2));

        var view = await pipeline.FinalViewAsync(orderId);
        Assert.Equal((OrderStatus.Rejected, OrderValidation.Reasons.TotalTooLarge), (view.Status, view.Reason));
    }

    private async Task<(string OrderId, string Sku)> StockedAsync(string prefix, int quantity, decimal price)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        await pipeline.StockAsync($"{prefix}-sku-{run}", quantity, price);
        return ($"{prefix}-{run}", $"{prefix}-sku-{run}");
    }

    private async Task<TableEntity> FactAsync(string orderId, string type) =>
        (await pipeline.Tables.Table(TableStorage.OrderViews).GetEntityAsync<TableEntity>(OrderShard.Of(orderId), orderId + OrderFact.RowKeyInfix + type)).Value;
}
