using System.Diagnostics;
using EventFunctions.FunctionsApp.Telemetry;
using EventFunctions.FunctionsApp.Tests.Infrastructure;
using EventFunctions.FunctionsApp.Tests.Metadata;
using EventFunctions.Messaging;
using EventFunctions.Processing;
using EventFunctions.Telemetry;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EventFunctions.FunctionsApp.Tests.Telemetry;

/// <summary>
/// The app's own telemetry registration sends the pipeline's spans and metrics to the ingestion endpoint its
/// connection string names, in Application Insights' track format. The endpoint here is a local listener standing in
/// for Azure's (which needs the managed identity, not available on this machine).
/// </summary>
public sealed class ApplicationInsightsExportTests
{
    [Fact]
    public async Task The_connection_string_alone_sends_the_pipelines_spans_and_metrics_to_its_ingestion_endpoint()
    {
        await using var ingestion = await RecordingEndpoint.StartAsync(() => Results.Ok(new { itemsReceived = 1, itemsAccepted = 1, errors = Array.Empty<object>() }));
        var settings = SettingsTemplate.Configuration(
            (KafkaConnection.SecurityProtocolSetting, BuildOutput.KafkaTriggerProtocol),
            (FunctionsAppTelemetry.ConnectionStringSetting, $"InstrumentationKey=00000000-0000-0000-0000-000000000001;IngestionEndpoint={ingestion.Address}"));
        // Started as the worker starts: the exporter registers its trace pipeline from a hosted service.
        using var worker = new HostBuilder().ConfigureServices(services => services.AddSingleton(settings).AddFunctionsApp(settings)).Build();
        await worker.StartAsync();
        var marker = TestIds.Order("order");

        using (var span = PipelineTelemetry.Source.StartActivity("process orders.placed", ActivityKind.Consumer))
            span?.SetTag(MessagingSpans.Key, marker);
        worker.Services.GetRequiredService<PipelineMetrics>().Processed(marker, RecordOutcomes.Processed);
        Assert.True(worker.Services.GetRequiredService<TracerProvider>().ForceFlush(10_000));
        Assert.True(worker.Services.GetRequiredService<MeterProvider>().ForceFlush(10_000));

        await Eventually.TrueAsync(() => ingestion.Received("/v2.1/track", marker, "process orders.placed"), TimeSpan.FromSeconds(30), "the span received");
        await Eventually.TrueAsync(() => ingestion.Received("/v2.1/track", marker, "eventfunctions.events"), TimeSpan.FromSeconds(30), "the metric received");
        await worker.StopAsync();
    }
}
