using System.Net.Http.Json;
using System.Text.Json;
using EventFunctions.Contracts;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Orders.Payments;
using EventFunctions.Processing;
using EventFunctions.Processing.Lineage;
using EventFunctions.ReadSide.OrderViews;
using Microsoft.Extensions.DependencyInjection;

namespace EventFunctions.IntegrationTests.EventContracts;

/// <summary>
/// Old events stay readable: the records the pipeline produced before versioned contracts (the v1 fixture), produced
/// again, byte for byte, to a fresh cluster and fresh tables run by today's code, take every order to the end it had.
/// The new code re-emits each event under the same id in v2 beside the fixture's v1 copy: lineage must take both as
/// the same event, and the inbox one of them only.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FixtureReplayTests(FixtureReplayTests.FreshPipeline pipeline) : IClassFixture<FixtureReplayTests.FreshPipeline>
{
    /// <summary>A pipeline of its own: its own embedded cluster and table prefix, nothing of the suite's orders in it.</summary>
    public sealed class FreshPipeline : PipelineFixture;

    private static readonly RecordsFixture V1 = RecordsFixture.V1;

    [Fact]
    public async Task Records_of_v1_reach_the_same_final_state_in_euros_none_dead_lettered_none_charged_twice()
    {
        foreach (var sku in V1.Catalogue) await pipeline.StockAsync(sku.Sku, sku.Quantity, sku.UnitPrice);
        // What the API did before producing each OrderPlaced: claim its order id with the fingerprint of its content.
        var requests = pipeline.Pipeline.Services.GetRequiredService<IOrderRequests>();
        foreach (var order in V1.Orders) Assert.Equal(order.Fingerprint, (await requests.ClaimAsync(order.OrderId, new OrderClaim(order.Fingerprint, Deferred: false), CancellationToken.None)).Fingerprint);

        // Topic by topic, as they lay on the log, each record after its cause was processed.
        var probe = new KafkaProbe(pipeline.Pipeline.Kafka);
        var functions = pipeline.Pipeline.Services.GetRequiredService<IEnumerable<IEventFunction>>().ToList();
        foreach (var topic in Topics.All)
        {
            foreach (var record in V1.Records.Where(r => r.Topic == topic.Name))
                await record.ProduceAsync(probe);
            await Eventually.TrueAsync(() => probe.CaughtUp(functions), PipelineFixture.Patience, $"every group has processed {topic.Name}");
        }

        foreach (var order in V1.Orders)
        {
            var was = order.View.Deserialize<OrderView>(Orders.Intake.OrdersApi.Json)!;
            var now = await pipeline.FinalViewAsync(order.OrderId);
            Assert.Equal(Summary(was), Summary(now));
            Assert.Equal("EUR", now.Currency);
            Assert.Empty(pipeline.DeadLettersOf(order.OrderId));
            Assert.True((await pipeline.LedgerAsync(order.OrderId)).Count(r => r.RowKey.EndsWith("|charge")) <= 1, $"{order.OrderId} charged twice");
        }
        var gateway = pipeline.Pipeline.Services.GetRequiredService<SimulatedPaymentGateway>();
        var captured = V1.Orders.Count(o => o.View.GetProperty("status").GetString() is "Confirmed" or "Cancelled");
        Assert.Equal((captured, 1), (gateway.Charges, gateway.Refunds));
    }

    private static string Summary(OrderView view) => JsonSerializer.Serialize(new
    {
        view.OrderId, view.CustomerId, view.Status, view.Reason, view.Total, Lines = view.Lines.Select(l => $"{l.Sku} {l.Quantity} {l.UnitPrice}"),
    });
}
