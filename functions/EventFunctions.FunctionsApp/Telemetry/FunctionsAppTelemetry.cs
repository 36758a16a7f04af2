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
/// named by <c>APPLICATIONINSIGHTS_AUTHENTICATION_STRING</c> (the Bicep sets both; the component refuses keys), and over
/// OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.
/// </summary>
public static class FunctionsAppTelemetry
{
    public const string ConnectionStringSetting = "APPLICATIONINSIGHTS_CONNECTION_STRING";
    public const string AuthenticationStringSetting = "APPLICATIONINSIGHTS_AUTHENTICATION_STRING";
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

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
                if (ManagedIdentityClientId(settings[AuthenticationStringSetting]) is { } clientId)
                    exporter.Credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId));
            });
        if (!string.IsNullOrEmpty(settings[OtlpEndpointSetting])) telemetry.UseOtlpExporter();
        return services;
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
