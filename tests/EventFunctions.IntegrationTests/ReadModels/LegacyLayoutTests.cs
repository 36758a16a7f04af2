using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Messaging;
using EventFunctions.Orders.Intake;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.ReadSide.Versions;
using EventFunctions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EventFunctions.IntegrationTests.ReadModels;

/// <summary>
/// A deployment upgraded in place keeps serving what its read models held in the layout before one row per order
/// (facts a row each, customers in partitions of their own; sales in a partition per sku), beside what the new code
/// writes, until a rebuild rewrites them. Its own pipeline: the rows are written by hand before anything reads them.
/// </summary>
public sealed class LegacyLayoutTests(PipelineFixture pipeline) : IClassFixture<PipelineFixture>
{
    private static readonly DateTimeOffset Placed = DateTimeOffset.UtcNow.AddMinutes(-5);

    [Fact]
    public async Task Orders_and_sales_kept_in_the_layout_before_are_served_beside_new_ones()
    {
        var run = TestIds.Run();
        var (sku, customer, oldOrder) = ("legacy-sku-" + run, "legacy-customer-" + run, "legacy-order-" + run);
        await pipeline.StockAsync(sku, 10, 3m);
        // Asked of the versions, not of the sales route: a reader that found no rows of the old layout never looks again.
        var views = pipeline.Pipeline.Services.GetRequiredService<ViewTables>();
        await Eventually.TrueAsync(async () => (await views.VersionsAsync(ReadSide.Versions.ReadModels.DailySales, CancellationToken.None)).Active is not null,
            PipelineFixture.Patience, "daily sales built");
        await WriteOldOrderAsync(await views.ReadTableAsync(ReadSide.Versions.ReadModels.Orders, CancellationToken.None), oldOrder, customer, sku);
        await WriteOldSaleAsync(await views.ReadTableAsync(ReadSide.Versions.ReadModels.DailySales, CancellationToken.None), oldOrder, sku);

        var newOrder = await pipeline.PlaceAsync("legacy-new-" + run, customer, "tok_visa", (sku, 1));
        Assert.Equal(OrderStatus.Confirmed, (await pipeline.FinalViewAsync(newOrder)).Status);

        var old = (await pipeline.Http.GetFromJsonAsync<OrderView>($"/api/orders/{oldOrder}", OrdersApi.Json))!;
        Assert.Equal((OrderStatus.Confirmed, customer, 6m), (old.Status, old.CustomerId, old.Total));
        var timeline = (await pipeline.Http.GetFromJsonAsync<OrderTimeline>($"/api/orders/{oldOrder}/timeline", OrdersApi.Json))!;
        Assert.Equal(4, timeline.Steps.Count);
        var listed = (await pipeline.Http.GetFromJsonAsync<List<OrderView>>($"/api/customers/{customer}/orders", OrdersApi.Json))!;
        Assert.Equal([newOrder, oldOrder], listed.Select(v => v.OrderId).Order());
        var sales = (await pipeline.Http.GetFromJsonAsync<JsonObject>($"/api/sales/{sku}"))!;
        Assert.Equal(3, sales["units"]!.GetValue<int>());
        Assert.Equal(9m, sales["revenue"]!["EUR"]!.GetValue<decimal>());
    }

    private static async Task WriteOldOrderAsync(TableClient table, string orderId, string customerId, string sku)
    {
        OrderLine[] lines = [new(sku, 2)];
        IOrderEvent[] events =
        [
            new OrderPlaced(orderId, customerId, lines, "tok_visa"),
            new OrderValidated(orderId, customerId, [new PricedLine(sku, 2, 3m)], 6m, "tok_visa"),
            new PaymentCaptured(orderId, "ch_old", 6m, lines),
            new StockReserved(orderId, lines),
        ];
        foreach (var (data, i) in events.Select((e, i) => (e, i)))
        {
            var type = EventTypes.NameOf(data);
            await table.AddEntityAsync(new TableEntity(OrderShard.Of(orderId), $"{orderId}|fact|{type}")
            {
                ["EventId"] = $"old-{i}-{orderId}", ["Type"] = type, ["Data"] = JsonSerializer.Serialize(data, data.GetType(), EventCodec.Json),
                ["Time"] = Placed.AddSeconds(i), ["Source"] = Provenance.SourceOf(Topics.Get(Topics.Of(data)).Writer),
                ["SchemaVersion"] = Contracts.Versions.EventSchemas.CurrentVersionOf(data.GetType()),
            });
        }
        await table.AddEntityAsync(new TableEntity(
            "customers-" + OrderShard.KafkaPartitionOf(customerId, Topics.Partitions).ToString("D2"), $"{customerId}|{orderId}") { ["OrderId"] = orderId });
    }

    private static async Task WriteOldSaleAsync(TableClient table, string orderId, string sku)
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd");
        await table.AddEntityAsync(new TableEntity(sku, $"sold|{day}|{orderId}") { ["OrderId"] = orderId, ["Day"] = day, ["Quantity"] = 2 });
        await table.AddEntityAsync(new TableEntity(sku, $"price|{orderId}") { ["OrderId"] = orderId, ["UnitPrice"] = "3", ["Currency"] = "EUR" });
    }
}
