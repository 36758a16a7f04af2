using System.Text;
using System.Text.Json;
using EventFunctions.Contracts;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Processing.Lineage;
using Microsoft.Extensions.DependencyInjection;

namespace EventFunctions.IntegrationTests.EventContracts;

/// <summary>
/// Writes <c>Fixtures/records-v1.json</c>: the records today's code produces for every path an order can take. Run
/// only on purpose (<c>CAPTURE_RECORDS_FIXTURE=1</c>), from the code whose records the fixture is to keep: a fixture
/// captured again from newer code would no longer prove that older records stay readable.
/// </summary>
[Collection(PipelineCollection.Name)]
[Trait("Category", "Integration")]
public sealed class CaptureRecordsFixtureTests(PipelineFixture pipeline)
{
    public const string FileName = "records-v1.json";

    public static readonly StockedSku[] Catalogue =
    [
        new("v1-pen", 20, 2.50m),
        new("v1-ink", 10, 4.00m),
        new("v1-pad", 5, 1.25m),
        new("v1-hat", 1, 12.00m),
    ];

    [CaptureFact]
    public async Task Capture_the_records_of_every_order_path()
    {
        foreach (var sku in Catalogue) await pipeline.StockAsync(sku.Sku, sku.Quantity, sku.UnitPrice);
        string[] orders =
        [
            await pipeline.PlaceAsync("v1-confirmed", "alice", "tok_visa", ("v1-pen", 2)),
            await pipeline.PlaceAsync("v1-rejected", "bob", "tok_visa", ("v1-ghost", 1)),
            await pipeline.PlaceAsync("v1-declined", "carol", "tok_chargeDeclined", ("v1-pen", 1)),
            await pipeline.PlaceAsync("v1-short", "dave", "tok_visa", ("v1-pen", 1), ("v1-hat", 5)),
            await pipeline.PlaceAsync("v1-refund-failed", "erin", "tok_refundFail", ("v1-hat", 5)),
            await pipeline.PlaceAsync("v1-multi-line", "frank", "tok_visa", ("v1-pen", 3), ("v1-ink", 2), ("v1-pad", 1)),
        ];
        foreach (var order in orders) await pipeline.FinalViewAsync(order);

        var claims = await pipeline.Pipeline.Services.GetRequiredService<IOrderRequests>().FindAsync(orders, CancellationToken.None);
        var fixtureOrders = new List<FixtureOrder>();
        foreach (var order in orders)
        {
            var view = JsonSerializer.Deserialize<JsonElement>(await pipeline.Http.GetStringAsync($"/api/orders/{order}"));
            fixtureOrders.Add(new FixtureOrder(order, claims[order], view));
        }
        var probe = new KafkaProbe(pipeline.Pipeline.Kafka);
        var records = Topics.All.SelectMany(topic => probe.ReadAll(topic.Name)
                .Where(r => orders.Contains(Encoding.UTF8.GetString(r.Message.Key)))
                .OrderBy(r => Encoding.UTF8.GetString(r.Message.Key), StringComparer.Ordinal).ThenBy(r => r.Offset.Value)
                .Select(r => new FixtureRecord(topic.Name, Encoding.UTF8.GetString(r.Message.Key),
                    r.Message.Headers.Select(h => new FixtureHeader(h.Key, Encoding.UTF8.GetString(h.GetValueBytes()))).ToList(),
                    Convert.ToBase64String(r.Message.Value))))
            .ToList();

        new RecordsFixture(
            "Records as the pipeline produced them before versioned contracts (schema v1, no ce_dataschema), captured by " +
            "CaptureRecordsFixtureTests from that code. Never regenerate: it is what older code left on the log.",
            Catalogue, fixtureOrders, records).Save(FileName);
    }
}

/// <summary>A test run only when <c>CAPTURE_RECORDS_FIXTURE=1</c>: it overwrites a committed fixture.</summary>
public sealed class CaptureFactAttribute : FactAttribute
{
    public CaptureFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("CAPTURE_RECORDS_FIXTURE") != "1")
            Skip = "Captures a fixture from the code as it is: set CAPTURE_RECORDS_FIXTURE=1 to run it on purpose.";
    }
}
