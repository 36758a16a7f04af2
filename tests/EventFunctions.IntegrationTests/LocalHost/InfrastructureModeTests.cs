using System.Net;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.LocalHost;

namespace EventFunctions.IntegrationTests.LocalHost;

/// <summary><c>./run.sh infra</c> runs Kafka and the tables for <c>func start</c>, and no API that would take orders nothing processes.</summary>
[Trait("Category", "Integration")]
public sealed class InfrastructureModeTests
{
    [Fact]
    public async Task Infrastructure_only_serves_a_health_saying_what_it_runs_and_takes_no_orders()
    {
        await AzuriteProbe.EnsureReachableAsync();
        await using var infra = await LocalPipeline.StartAsync([], new LocalPipelineOptions { RunFunctions = false, Urls = "http://127.0.0.1:0", TablePrefix = TestIds.TablePrefix("inf") });
        using var http = new HttpClient { BaseAddress = infra.BaseAddress };

        var health = await http.GetStringAsync("/api/health");
        var order = await http.PostAsync("/api/orders", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Contains("\"status\":\"infrastructure\"", health);
        Assert.Contains(infra.Kafka.BrokerList, health);
        Assert.Equal(HttpStatusCode.NotFound, order.StatusCode);
    }
}
