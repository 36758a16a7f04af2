using System.Net.Http.Json;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.LocalHost;
using EventFunctions.Orders.Intake;

namespace EventFunctions.IntegrationTests.Telemetry;

/// <summary>
/// The standard OTEL_* settings alone send the local host's traces and metrics over OTLP. The receiving end stands in
/// for a collector: it keeps what the exporter posts to /v1/traces and /v1/metrics.
/// </summary>
public class OtlpExportTests
{
    [Fact]
    public async Task OTEL_EXPORTER_OTLP_ENDPOINT_sends_the_orders_spans_and_the_pipelines_metrics_to_a_collector()
    {
        await AzuriteProbe.EnsureReachableAsync();
        await using var collector = await RecordingEndpoint.StartAsync();
        await using var pipeline = await LocalPipeline.StartAsync(
            [
                $"--OTEL_EXPORTER_OTLP_ENDPOINT={collector.Address.ToString().TrimEnd('/')}",
                "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
                "--OTEL_METRIC_EXPORT_INTERVAL=1000",
                "--OTEL_BSP_SCHEDULE_DELAY=200",
            ],
            new LocalPipelineOptions { Urls = "http://127.0.0.1:0", TablePrefix = TestIds.TablePrefix("otlp") });
        using var http = new HttpClient { BaseAddress = pipeline.BaseAddress };
        await Eventually.TrueAsync(async () => (await http.GetAsync("/api/health")).IsSuccessStatusCode, PipelineFixture.Patience, "every consumer holds partitions");
        (await http.PutAsJsonAsync("/api/inventory/otlp-pen", new SetInventoryRequest(5, 1m))).EnsureSuccessStatusCode();
        var orderId = $"otlp-{Guid.NewGuid():N}"[..20];

        (await http.PostAsJsonAsync("/api/orders", TestOrders.Place(orderId).By("olga").Line("otlp-pen", 1).Build())).EnsureSuccessStatusCode();

        // Protobuf keeps strings as UTF-8: the spans carry the order id as their Kafka key, the metrics the instruments' names.
        await Eventually.TrueAsync(() => collector.Received("/v1/traces", orderId, "process stock.reserved"), PipelineFixture.Patience, "the order's spans exported");
        await Eventually.TrueAsync(() => collector.Received("/v1/metrics", "eventfunctions.events") && collector.Received("/v1/metrics", "eventfunctions.order.duration"),
            PipelineFixture.Patience, "the pipeline's metrics exported");
    }
}
