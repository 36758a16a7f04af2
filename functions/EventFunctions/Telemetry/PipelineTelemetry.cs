using System.Diagnostics;

namespace EventFunctions.Telemetry;

/// <summary>
/// The names a host subscribes to: one <see cref="ActivitySource"/> for the pipeline's spans and one meter
/// (<see cref="PipelineMetrics"/>). The pipeline depends on neither the OpenTelemetry SDK nor an exporter; the hosts add them.
/// </summary>
public static class PipelineTelemetry
{
    public const string Name = "EventFunctions";

    public static readonly ActivitySource Source = new(Name, typeof(PipelineTelemetry).Assembly.GetName().Version?.ToString(3));

    /// <summary>
    /// Azure.Core emits spans for the Table Storage calls only behind this switch; the hosts turn it on and listen to
    /// <see cref="AzureSources"/>.
    /// </summary>
    public const string AzureActivitySourceSwitch = "Azure.Experimental.EnableActivitySource";

    /// <summary>The OpenTelemetry SDK's standard setting: when set, both hosts export over OTLP.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The Azure SDK's sources: the Table client's operations and the HTTP requests under them.</summary>
    public const string AzureSources = "Azure.*";
}
