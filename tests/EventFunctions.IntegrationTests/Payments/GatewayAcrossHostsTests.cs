using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.LocalHost;
using EventFunctions.Messaging;
using EventFunctions.Orders.Payments;
using EventFunctions.Orders.ProcessPayment;
using EventFunctions.TestKit;
using Microsoft.Extensions.DependencyInjection;

namespace EventFunctions.IntegrationTests.Payments;

/// <summary>
/// The simulated gateway's idempotency keys live in Table Storage: a charge repeated by another host (after a crash,
/// a rebalance) is answered with the first result, not made again.
/// </summary>
[Collection(PipelineCollection.Name)]
[Trait("Category", "Integration")]
public sealed class GatewayAcrossHostsTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task A_charge_repeated_by_a_second_host_is_answered_not_made_twice()
    {
        var sku = TestIds.Sku("gw");
        await pipeline.StockAsync(sku, 5, 7m);
        var orderId = await pipeline.PlaceAsync(TestIds.Order("gw"), "mona", "tok_visa", (sku, 1));
        var firstHost = (await pipeline.FinalViewAsync(orderId)).Status;
        var captured = Assert.Single(await pipeline.LedgerAsync(orderId)).GetString("PaymentId");

        await using var secondHost = await SecondHostAsync();
        var gateway = secondHost.Services.GetRequiredService<SimulatedPaymentGateway>();
        var again = await gateway.ChargeAsync(new ChargeRequest(orderId, 7m, "tok_visa"), ProcessPaymentFunction.IdempotencyKey(orderId), CancellationToken.None);

        Assert.Equal(ReadSide.OrderViews.OrderStatus.Confirmed, firstHost);
        Assert.Equal(captured, again.PaymentId);
        Assert.Equal(0, gateway.Charges);
    }

    [Fact]
    public async Task Two_hosts_racing_on_one_key_make_one_charge()
    {
        await using var secondHost = await SecondHostAsync();
        var gateways = new[] { pipeline.Pipeline.Services, secondHost.Services }.Select(s => s.GetRequiredService<SimulatedPaymentGateway>()).ToList();
        var before = gateways.Sum(g => g.Charges);
        var key = DeterministicId.For("charge", TestIds.Order("race"));
        var request = new ChargeRequest("race", 12m, "tok_mastercard");

        var results = await Task.WhenAll(Enumerable.Range(0, 32).Select(i => Task.Run(() => gateways[i % 2].ChargeAsync(request, key, CancellationToken.None))));

        Assert.Single(results.Distinct());
        Assert.Equal(1, gateways.Sum(g => g.Charges) - before);
    }

    /// <summary>Another local host on the same cluster and tables, serving no functions: only its gateway is used.</summary>
    private Task<LocalPipeline> SecondHostAsync() => LocalPipeline.StartAsync(
        [$"--{KafkaConnection.BrokerListSetting}={pipeline.Pipeline.Kafka.BrokerList}"],
        new LocalPipelineOptions { RunFunctions = false, Urls = "http://127.0.0.1:0", TablePrefix = pipeline.TablePrefix });
}
