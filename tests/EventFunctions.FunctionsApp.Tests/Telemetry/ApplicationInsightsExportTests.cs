using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using EventFunctions.FunctionsApp.Telemetry;
using EventFunctions.FunctionsApp.Tests.Infrastructure;
using EventFunctions.FunctionsApp.Tests.Metadata;
using EventFunctions.Messaging;
using EventFunctions.Telemetry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EventFunctions.FunctionsApp.Tests.Telemetry;

/// <summary>
/// The app's own telemetry registration sends the pipeline's spans and metrics to the ingestion endpoint its
/// connection string names, in Application Insights' track format. The endpoint here is a plain HTTP listener standing
/// in for Azure's (which needs the managed identity, not available on this machine).
/// </summary>
public sealed class ApplicationInsightsExportTests : IAsyncLifetime
{
    private readonly ConcurrentQueue<string> received = new();
    private WebApplication ingestion = null!;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        ingestion = builder.Build();
        ingestion.MapPost("/v2.1/track", async (HttpRequest request) =>
        {
            Stream body = request.Body;
            if (request.Headers.ContentEncoding == "gzip") body = new GZipStream(body, CompressionMode.Decompress);
            using var reader = new StreamReader(body, Encoding.UTF8);
            received.Enqueue(await reader.ReadToEndAsync());
            return Results.Ok(new { itemsReceived = 1, itemsAccepted = 1, errors = Array.Empty<object>() });
        });
        await ingestion.StartAsync();
    }

    public async Task DisposeAsync() => await ingestion.DisposeAsync();

    [Fact]
    public async Task The_connection_string_alone_sends_the_pipelines_spans_and_metrics_to_its_ingestion_endpoint()
    {
        var endpoint = ingestion.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var settings = SettingsTemplate.Configuration(
            (KafkaConnection.SecurityProtocolSetting, BuildOutput.KafkaTriggerProtocol),
            (FunctionsAppTelemetry.ConnectionStringSetting, $"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint={endpoint}/"));
        // Started as the worker starts: the exporter registers its trace pipeline from a hosted service.
        using var worker = new HostBuilder().ConfigureServices(services => services.AddSingleton(settings).AddFunctionsApp(settings)).Build();
        await worker.StartAsync();
        var tracer = worker.Services.GetRequiredService<TracerProvider>();
        var meter = worker.Services.GetRequiredService<MeterProvider>();
        var metrics = worker.Services.GetRequiredService<PipelineMetrics>();
        var marker = "order-" + Guid.NewGuid().ToString("N")[..12];

        using (var span = PipelineTelemetry.Source.StartActivity("process orders.placed", ActivityKind.Consumer))
            span?.SetTag(MessagingSpans.Key, marker);
        metrics.Processed(marker, RecordOutcomes.Processed);
        Assert.True(tracer.ForceFlush(10_000));
        Assert.True(meter.ForceFlush(10_000));

        await Eventually.TrueAsync(() => received.Any(r => r.Contains(marker) && r.Contains("process orders.placed")), TimeSpan.FromSeconds(30), "the span received");
        await Eventually.TrueAsync(() => received.Any(r => r.Contains("eventfunctions.events") && r.Contains(marker)), TimeSpan.FromSeconds(30), "the metric received");
        await worker.StopAsync();
    }
}

