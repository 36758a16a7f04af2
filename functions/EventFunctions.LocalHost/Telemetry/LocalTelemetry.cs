using EventFunctions.Http;
using EventFunctions.Operations.Board;
using EventFunctions.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace EventFunctions.LocalHost.Telemetry;

/// <summary>
/// The local host's OpenTelemetry: the pipeline's spans and the HTTP server and Table Storage spans under them, the
/// pipeline's metrics and ASP.NET Core's, on a Prometheus scrape endpoint (<see cref="MetricsPath"/>), and, when the
/// standard <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, both over OTLP (<c>OTEL_*</c> variables configure it further).
/// Spans are recorded only where they go somewhere: with OTLP, or an exporter a test adds.
/// </summary>
public static class LocalTelemetry
{
    public const string MetricsPath = "/metrics";
    public const string ServiceName = "eventfunctions-localhost";

    public static void AddLocalTelemetry(this WebApplicationBuilder builder, Action<OpenTelemetryBuilder>? configure)
    {
        var otlp = !string.IsNullOrEmpty(builder.Configuration[PipelineTelemetry.OtlpEndpointSetting]);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics => metrics
                .AddMeter(PipelineTelemetry.Name)
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter());
        if (otlp || configure is not null)
        {
            AppContext.SetSwitch(PipelineTelemetry.AzureActivitySourceSwitch, true);
            telemetry.WithTracing(tracing => tracing
                .AddSource(PipelineTelemetry.Name, PipelineTelemetry.AzureSources)
                // The board's stream and the scrapes are not requests of the pipeline.
                .AddAspNetCoreInstrumentation(http => http.Filter = context =>
                    !context.Request.Path.StartsWithSegments(MetricsPath) && !context.Request.Path.StartsWithSegments($"/{ApiRoutes.Prefix}/{BoardApi.Routes.Snapshot}")));
        }
        if (otlp) telemetry.UseOtlpExporter();
        configure?.Invoke(telemetry);
    }

    public static void MapLocalTelemetry(this WebApplication app) => app.MapPrometheusScrapingEndpoint(MetricsPath);
}
