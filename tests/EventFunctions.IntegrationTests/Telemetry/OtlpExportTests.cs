using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using EventFunctions.Http;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.LocalHost;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EventFunctions.IntegrationTests.Telemetry;

/// <summary>
/// The standard OTEL_* settings alone send the local host's traces and metrics over OTLP. The receiving end is a
/// plain HTTP endpoint standing in for a collector: it keeps what the exporter posts to /v1/traces and /v1/metrics.
/// </summary>
public class OtlpExportTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<(string Path, byte[] Body)> received = new();
    private WebApplication collector = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        collector = builder.Build();
        collector.MapPost("/v1/{signal}", async (HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            received.Enqueue((request.Path, body.ToArray()));
            return Results.Ok();
        });
        await collector.StartAsync();
    }

    public async Task DisposeAsync() => await collector.DisposeAsync();

    private Uri CollectorAddress => new(collector.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    private bool Received(string path, string text) =>
        received.Any(r => r.Path == path && Encoding.UTF8.GetString(r.Body).Contains(text, StringComparison.Ordinal));

    [Fact]
    public async Task OTEL_EXPORTER_OTLP_ENDPOINT_sends_the_orders_spans_and_the_pipelines_metrics_to_a_collector()
    {
        await AzuriteProbe.EnsureReachableAsync();
        await using var pipeline = await LocalPipeline.StartAsync(
            [
                $"--OTEL_EXPORTER_OTLP_ENDPOINT={CollectorAddress.ToString().TrimEnd('/')}",
                "--OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf",
                "--OTEL_METRIC_EXPORT_INTERVAL=1000",
                "--OTEL_BSP_SCHEDULE_DELAY=200",
            ],
            new LocalPipelineOptions { Urls = "http://127.0.0.1:0", TablePrefix = "otlp" + Guid.NewGuid().ToString("N")[..8] });
        using var http = new HttpClient { BaseAddress = pipeline.BaseAddress };
        await Eventually.TrueAsync(async () => (await http.GetAsync("/api/health")).IsSuccessStatusCode, PipelineFixture.Patience, "every consumer holds partitions");
        (await http.PutAsJsonAsync("/api/inventory/otlp-pen", new SetInventoryRequest(5, 1m))).EnsureSuccessStatusCode();
        var orderId = $"otlp-{Guid.NewGuid():N}"[..20];

        (await http.PostAsJsonAsync("/api/orders", new PlaceOrderRequest(orderId, "olga", [new OrderLineRequest("otlp-pen", 1)], "tok_visa"))).EnsureSuccessStatusCode();

        // The spans carry the order id as their Kafka key; the metrics name the pipeline's instruments.
        await Eventually.TrueAsync(() => Received("/v1/traces", orderId) && Received("/v1/traces", "process stock.reserved"),
            PipelineFixture.Patience, "the order's spans exported");
        await Eventually.TrueAsync(() => Received("/v1/metrics", "eventfunctions.events") && Received("/v1/metrics", "eventfunctions.order.duration"),
            PipelineFixture.Patience, "the pipeline's metrics exported");
    }
}
