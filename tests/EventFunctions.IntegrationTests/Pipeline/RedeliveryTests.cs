using System.Net.Http.Json;
using Azure.Data.Tables;
using EventFunctions.Contracts;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Orders.Payments;
using EventFunctions.Processing;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace EventFunctions.IntegrationTests.Pipeline;

/// <summary>At-least-once delivery, made harmless: every event delivered twice changes nothing.</summary>
[Collection(PipelineCollection.Name)]
[Trait("Category", "Integration")]
public sealed class RedeliveryTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task Every_event_delivered_twice_changes_no_balance_no_stock_level_and_no_view()
    {
        var run = TestIds.Run();
        var (plenty, scarce) = ($"replay-a-{run}", $"replay-b-{run}");
        await pipeline.StockAsync(plenty, 20, 2m);
        await pipeline.StockAsync(scarce, 1, 3m);
        string[] orders =
        [
            await pipeline.PlaceAsync($"replay-ok-{run}", "replayer", "tok_visa", (plenty, 2)),
            await pipeline.PlaceAsync($"replay-short-{run}", "replayer", "tok_visa", (plenty, 1), (scarce, 5)),
            await pipeline.PlaceAsync($"replay-declined-{run}", "replayer", "tok_chargeDeclined", (plenty, 1)),
            await pipeline.PlaceAsync($"replay-rejected-{run}", "replayer", "tok_visa", ($"replay-ghost-{run}", 1)),
        ];
        foreach (var order in orders) await pipeline.FinalViewAsync(order);
        var probe = new KafkaProbe(pipeline.Pipeline.Kafka);
        var functions = pipeline.Pipeline.Services.GetRequiredService<IEnumerable<IEventFunction>>().ToList();
        await Eventually.TrueAsync(() => Task.FromResult(probe.CaughtUp(functions)), PipelineFixture.Patience, "every group has committed every record");
        var before = await SnapshotAsync(orders);
        var gateway = pipeline.Pipeline.Services.GetRequiredService<SimulatedPaymentGateway>();
        var (charges, refunds) = (gateway.Charges, gateway.Refunds);

        var replayed = 0;
        foreach (var topic in Topics.All) replayed += await probe.ReplayAsync(topic.Name);
        await Eventually.TrueAsync(() => Task.FromResult(probe.CaughtUp(functions)), PipelineFixture.Patience, "every replayed record is processed");

        Assert.True(replayed >= orders.Length * 3, $"replayed only {replayed} records");
        Assert.Equal(before, await SnapshotAsync(orders));
        Assert.Equal((charges, refunds), (gateway.Charges, gateway.Refunds));
    }

    /// <summary>Everything an effect could change: the whole ledger and stock tables, and the orders' views.</summary>
    private async Task<string> SnapshotAsync(IEnumerable<string> orders)
    {
        var lines = new List<string>();
        foreach (var table in new[] { TableStorage.Payments, TableStorage.Inventory })
            await foreach (var row in pipeline.Tables.Table(table).QueryAsync<TableEntity>())
                lines.Add($"{table} {row.PartitionKey} {row.RowKey} " + string.Join(",", row.Where(p => p.Key is not ("odata.etag" or "Timestamp")).OrderBy(p => p.Key).Select(p => $"{p.Key}={p.Value}")));
        foreach (var order in orders)
            lines.Add(System.Text.Json.JsonSerializer.Serialize(await pipeline.Http.GetFromJsonAsync<OrderView>($"/api/orders/{order}", Orders.Intake.OrdersApi.Json)));
        lines.Sort(StringComparer.Ordinal);
        return string.Join("\n", lines);
    }
}
