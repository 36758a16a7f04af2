using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using EventFunctions.Telemetry;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace EventFunctions.FunctionsApp.Telemetry;

/// <summary>
/// The worker's OpenTelemetry, switched on by settings alone: the pipeline's spans (under the Functions host's
/// invocation, which host.json's <c>telemetryMode: OpenTelemetry</c> makes the parent) and its metrics go to
/// Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set, signing in with the managed identity
/// named by <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (the Bicep sets both; the component refuses keys), sampling
/// <c>TelemetrySamplingRatio</c> of the traces (default all), and over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class FunctionsAppTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";

    /// <summary>The share of orders whose traces go to Application Insights, 0 to 1 (default 1: every one).</summary>
    public const string SamplingRatioSetting = "TelemetrySamplingRatio";

    public static IServiceCollection AddFunctionsAppTelemetry(this IServiceCollection services, IConfiguration settings)
    {
        AppContext.SetSwitch(PipelineTelemetry.AzureActivitySourceSwitch, true);
        var telemetry = services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithTracing(tracing => tracing.AddSource(PipelineTelemetry.Name, PipelineTelemetry.AzureSources))
            .WithMetrics(metrics => metrics.AddMeter(PipelineTelemetry.Name));

        if (settings[ConnectionStringSetting] is { Length: > 0 } connectionString)
            telemetry.UseAzureMonitorExporter(exporter =>
            {
                exporter.ConnectionString = connectionString;
                // Sampling by ratio decides by trace id, the same way at every hop, so an order's trace is kept or dropped
                // whole across the functions; rate-limited sampling (the exporter's default) decides per process and breaks it.
                exporter.TracesPerSecond = null;
                exporter.SamplingRatio = SamplingRatio(settings[SamplingRatioSetting]);
                if (ManagedIdentityClientId(settings[AuthenticationStringSetting]) is { } clientId)
                    exporter.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
            });
        if (!string.IsNullOrEmpty(settings[PipelineTelemetry.OtlpEndpointSetting])) telemetry.UseOtlpExporter();
        return services;
    }

    /// <summary>The sampling ratio a setting gives, or 1 when it is unset; one outside 0..1 is refused at start.</summary>
    public static float SamplingRatio(string? setting)
    {
        if (string.IsNullOrEmpty(setting)) return 1F;
        return float.TryParse(setting, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var ratio) && ratio is >= 0F and <= 1F
            ? ratio
            : throw new InvalidSettingException(SamplingRatioSetting, $"must be a number from 0 to 1, not '{setting}'.");
    }

    /// <summary>The client id in an authentication string of the form <c>ClientId=…;Authorization=AAD</c>; null if it names none.</summary>
    public static string? ManagedIdentityClientId(string? authenticationString)
    {
        var parts = (authenticationString ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).Where(p => p.Length == 2)
            .ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
        return parts.GetValueOrDefault("Authorization")?.Equals("AAD", StringComparison.OrdinalIgnoreCase) == true
            && parts.GetValueOrDefault("ClientId") is { Length: > 0 } clientId ? clientId : null;
    }
}
