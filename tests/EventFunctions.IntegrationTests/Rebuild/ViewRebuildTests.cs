using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.Storage;

namespace EventFunctions.IntegrationTests.Rebuild;

/// <summary>
/// Read models rebuilt from the log while the pipeline runs, against the real parts: the embedded cluster's topics
/// projected again into a new version of the tables in Azurite, the readers switched, and switched back.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ViewRebuildTests(RebuildFixture pipeline) : IClassFixture<RebuildFixture>
{
    private static readonly TimeSpan BuildPatience = TimeSpan.FromSeconds(90);
    private static readonly string[] Customers = ["ann", "bob", "cyd"];

    [Fact]
    public async Task A_corrupted_order_view_comes_back_identical_from_the_log_while_orders_keep_flowing_and_a_rollback_switches_back()
    {
        var run = TestIds.Run(6);
        var (orders, plenty) = await PlaceEveryOutcomeAsync(run);
        foreach (var order in orders) await pipeline.FinalViewAsync(order);
        var before = await SnapshotAsync(orders);

        var versions = await StatusAsync("orders");
        var corrupted = versions["active"]!.GetValue<int>();
        await CorruptAsync(pipeline.Tables.Table(versions["tables"]!["active"]!.GetValue<string>()), orders);
        Assert.NotEqual(before, await SnapshotAsync(orders));

        using var flowing = new CancellationTokenSource();
        var flow = KeepPlacingAsync(run, plenty, flowing.Token);

        var started = await pipeline.Http.PostAsync("/api/operations/views/orders/rebuild", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var building = (await started.Content.ReadFromJsonAsync<JsonObject>())!["building"]!.GetValue<int>();
        Assert.Equal(HttpStatusCode.Conflict, (await pipeline.Http.PostAsync("/api/operations/views/orders/rebuild", null)).StatusCode);

        await Eventually.TrueAsync(async () => (await StatusAsync("orders"))["active"]?.GetValue<int>() == building, BuildPatience,
            $"version {building} of the order view serves");
        await flowing.CancelAsync();
        var flowed = await flow;
        Assert.NotEmpty(flowed);
        foreach (var order in flowed) await pipeline.FinalViewAsync(order);

        Assert.Equal(before, await SnapshotAsync(orders));
        var status = await StatusAsync("orders");
        Assert.Equal(corrupted, status["previous"]!.GetValue<int>());
        Assert.Null(status["building"]);

        // The previous version is kept current beside the active one: a rollback serves it, corrupted as it was, with
        // the orders placed since in it too; a second rollback undoes the first.
        Assert.Equal(HttpStatusCode.OK, (await pipeline.Http.PostAsync("/api/operations/views/orders/rollback", null)).StatusCode);
        Assert.NotEqual(before, await SnapshotAsync(orders));
        Assert.All(await Task.WhenAll(flowed.Select(ViewAsync)), view => Assert.True(view?["isComplete"]!.GetValue<bool>(), view?.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, (await pipeline.Http.PostAsync("/api/operations/views/orders/rollback", null)).StatusCode);
        Assert.Equal(before, await SnapshotAsync(orders));
    }

    [Fact]
    public async Task A_deleted_order_view_comes_back_identical_from_the_log_with_one_command_while_orders_keep_flowing()
    {
        var run = TestIds.Run(6);
        var (orders, plenty) = await PlaceEveryOutcomeAsync(run);
        foreach (var order in orders) await pipeline.FinalViewAsync(order);
        var before = await SnapshotAsync(orders);
        var versions = await StatusAsync("orders");
        var deleted = versions["active"]!.GetValue<int>();

        await pipeline.Tables.Table(versions["tables"]!["active"]!.GetValue<string>()).DeleteAsync();
        Assert.NotEqual(HttpStatusCode.OK, (await pipeline.Http.GetAsync($"/api/orders/{orders[0]}")).StatusCode);

        using var flowing = new CancellationTokenSource();
        var flow = KeepPlacingAsync(run, plenty, flowing.Token);
        var started = await pipeline.Http.PostAsync("/api/operations/views/orders/rebuild", null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var building = (await started.Content.ReadFromJsonAsync<JsonObject>())!["building"]!.GetValue<int>();
        await Eventually.TrueAsync(async () => (await StatusAsync("orders"))["active"]?.GetValue<int>() == building, BuildPatience,
            $"version {building} of the order view serves");
        await flowing.CancelAsync();
        foreach (var order in await flow) await pipeline.FinalViewAsync(order);

        Assert.Equal(before, await SnapshotAsync(orders));
        // The deleted version is not kept for a rollback: nothing could write it.
        Assert.NotEqual(deleted, (await StatusAsync("orders"))["previous"]?.GetValue<int>());
    }

    [Fact]
    public async Task A_read_model_added_later_is_filled_from_history_then_kept_current()
    {
        var run = TestIds.Run(6);
        var (pen, ink) = ($"pen-{run}", $"ink-{run}");
        await pipeline.StockAsync(pen, 1_000, 2.5m);
        await pipeline.StockAsync(ink, 3, 4m);
        var history = new[]
        {
            await pipeline.PlaceAsync($"ds-{run}-1", "dee", "tok_visa", (pen, 2), (ink, 1)),
            await pipeline.PlaceAsync($"ds-{run}-2", "eve", "tok_visa", (pen, 3)),
            await pipeline.PlaceAsync($"ds-{run}-3", "eve", "tok_chargeDeclined", (pen, 50)),  // not a sale
            await pipeline.PlaceAsync($"ds-{run}-4", "fay", "tok_visa", (ink, 9)),             // short: cancelled, not a sale
        };
        foreach (var order in history) await pipeline.FinalViewAsync(order);

        var notBuilt = await pipeline.Http.GetAsync($"/api/sales/{pen}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notBuilt.StatusCode);
        Assert.Contains("daily-sales", await notBuilt.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Accepted, (await pipeline.Http.PostAsync("/api/operations/views/daily-sales/rebuild", null)).StatusCode);
        await Eventually.TrueAsync(async () => (await StatusAsync("daily-sales"))["active"]?.GetValue<int>() == 1, BuildPatience,
            "the daily sales read model serves its first version");

        var sales = await SalesAsync(pen);
        Assert.Equal(5, sales["units"]!.GetValue<int>());
        Assert.Equal(12.5m, sales["revenue"]!["EUR"]!.GetValue<decimal>());
        var day = Assert.Single(sales["days"]!.AsArray());
        Assert.Equal(2, day!["orders"]!.GetValue<int>());
        Assert.Equal(1, (await SalesAsync(ink))["units"]!.GetValue<int>());

        // Kept current by its live group from here on.
        await pipeline.FinalViewAsync(await pipeline.PlaceAsync($"ds-{run}-5", "dee", "tok_visa", (pen, 4)));
        await Eventually.TrueAsync(async () => (await SalesAsync(pen))["revenue"]!["EUR"]!.GetValue<decimal>() == 22.5m, PipelineFixture.Patience,
            "a sale made after the build is in the read model");
    }

    /// <summary>24 orders of three customers, six of each end: confirmed, declined, rejected, cancelled and refunded.</summary>
    private async Task<(List<string> Orders, string Sku)> PlaceEveryOutcomeAsync(string run)
    {
        var (plenty, scarce) = ($"pen-{run}", $"ink-{run}");
        await pipeline.StockAsync(plenty, 100_000, 2.5m);
        await pipeline.StockAsync(scarce, 1, 7m);
        var orders = new List<string>();
        for (var i = 0; i < 24; i++)
        {
            var (token, line) = (i % 4) switch
            {
                0 => ("tok_visa", (plenty, 2)),
                1 => ("tok_chargeDeclined", (plenty, 1)),
                2 => ("tok_visa", ($"nothing-{run}", 1)),   // rejected: not in the catalogue
                _ => ("tok_visa", (scarce, 5)),             // paid, short of stock, refunded
            };
            orders.Add(await pipeline.PlaceAsync($"rb-{run}-{i:D2}", Customers[i % 3] + run, token, line));
        }
        return (orders, plenty);
    }

    /// <summary>Every order's view and every customer's list, as the API answers them.</summary>
    private async Task<string> SnapshotAsync(IReadOnlyList<string> orders)
    {
        var views = await Task.WhenAll(orders.Select(async id => $"{id}: {(await ViewAsync(id))?.ToJsonString() ?? "none"}"));
        var lists = await Task.WhenAll(orders.Select(id => id.Split('-')[1]).Distinct().SelectMany(run => Customers.Select(c => c + run)).Select(async customer =>
        {
            var answer = await pipeline.Http.GetFromJsonAsync<JsonArray>($"/api/customers/{customer}/orders");
            var own = answer!.Where(v => v!["orderId"]!.GetValue<string>().StartsWith("rb-", StringComparison.Ordinal) && orders.Contains(v["orderId"]!.GetValue<string>()))
                .Select(v => v!.ToJsonString()).Order(StringComparer.Ordinal);
            return $"{customer}: [{string.Join(", ", own)}]";
        }));
        return string.Join("\n", [.. views, .. lists]);
    }

    private async Task<JsonObject?> ViewAsync(string orderId)
    {
        var response = await pipeline.Http.GetAsync($"/api/orders/{orderId}");
        return response.StatusCode == HttpStatusCode.NotFound ? null : (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>
    /// What a bad deployment or a careless hand does: some orders' facts deleted, one fact's content changed, one
    /// customer's index rows gone.
    /// </summary>
    private static async Task CorruptAsync(TableClient live, IReadOnlyList<string> orders)
    {
        foreach (var (order, i) in orders.Select((o, i) => (o, i)))
        {
            var row = await live.GetEntityIfExistsAsync<TableEntity>(OrderShard.Of(order), OrderRow.KeyOf(order));
            if (!row.HasValue) continue;
            if (i % 3 == 0) await live.DeleteEntityAsync(row.Value!.PartitionKey, row.Value.RowKey);
            else if (i % 3 == 1 && OrderRow.Facts(row.Value!).FirstOrDefault(f => f.Type.EndsWith("Rejected", StringComparison.Ordinal)) is { } rejected)
            {
                row.Value![OrderRow.FactProperties.Of(rejected.Type).Data] = JsonSerializer.Serialize(new { orderId = order, reason = "corrupted" });
                await live.UpdateEntityAsync(row.Value, Azure.ETag.All, TableUpdateMode.Replace);
            }
        }
        var customer = Customers[2] + orders[0].Split('-')[1];
        var prefix = CustomerOrder.RowKeyPrefix(customer);
        await foreach (var row in live.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {prefix[..^1] + "}"}")))
            await live.DeleteEntityAsync(row.PartitionKey, row.RowKey);
    }

    /// <summary>Orders placed one after another until cancelled: the pipeline keeps working while the view is rebuilt.</summary>
    private async Task<List<string>> KeepPlacingAsync(string run, string sku, CancellationToken stop)
    {
        var placed = new List<string>();
        while (!stop.IsCancellationRequested)
        {
            placed.Add(await pipeline.PlaceAsync($"fl-{run}-{placed.Count:D3}", "flow" + run, "tok_visa", (sku, 1)));
            // A steady trickle, ten a second: enough to race the build, few enough to check each one after.
            await Task.WhenAny(Task.Delay(TimeSpan.FromMilliseconds(100), stop));
        }
        return placed;
    }

    private async Task<JsonObject> StatusAsync(string model) =>
        (await pipeline.Http.GetFromJsonAsync<JsonObject>($"/api/operations/views/{model}"))!;

    private async Task<JsonObject> SalesAsync(string sku) =>
        (await pipeline.Http.GetFromJsonAsync<JsonObject>($"/api/sales/{sku}"))!;
}
