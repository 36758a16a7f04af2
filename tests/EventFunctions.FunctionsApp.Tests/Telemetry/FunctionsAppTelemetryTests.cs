using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using EventFunctions.FunctionsApp.Telemetry;
using EventFunctions.FunctionsApp.Tests.Infrastructure;
using EventFunctions.FunctionsApp.Tests.Metadata;
using EventFunctions.Messaging;
using EventFunctions.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenTelemetry.Trace;

namespace EventFunctions.FunctionsApp.Tests.Telemetry;

/// <summary>Traces and metrics reach Application Insights by settings alone: the ones infra/ deploys.</summary>
public sealed class FunctionsAppTelemetryTests
{
    private const string ConnectionString = "InstrumentationKey=00000000-0000-0000-0000-000000000000;IngestionEndpoint=https://westeurope-5.in.applicationinsights.azure.com/";

    private static ServiceProvider App(params (string Key, string Value)[] settings) =>
        AppServices.Build(SettingsTemplate.Configuration([(KafkaConnection.SecurityProtocolSetting, BuildOutput.KafkaTriggerProtocol), .. settings]));

    [Fact]
    public void With_the_deployed_settings_the_worker_exports_to_Application_Insights_as_the_managed_identity()
    {
        using var app = App(
            (FunctionsAppTelemetry.ConnectionStringSetting, ConnectionString),
            (FunctionsAppTelemetry.AuthenticationStringSetting, "ClientId=11111111-2222-3333-4444-555555555555;Authorization=AAD"));

        var exporter = app.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName);
        Assert.Equal(ConnectionString, exporter.ConnectionString);
        Assert.IsType<ManagedIdentityCredential>(exporter.Credential);
        // Every trace, by ratio: decided by trace id, the same at every hop (the exporter's default rate limit is not).
        Assert.Null(exporter.TracesPerSecond);
        Assert.Equal(1F, exporter.SamplingRatio);

        Assert.NotNull(app.GetRequiredService<TracerProvider>());
        Assert.True(PipelineTelemetry.Source.HasListeners(), "the worker's tracer listens to the pipeline's spans");
    }

    [Fact]
    public void Without_a_connection_string_nothing_is_sent_to_Application_Insights()
    {
        using var app = App();

        Assert.Null(app.GetRequiredService<IOptionsMonitor<AzureMonitorExporterOptions>>().Get(Options.DefaultName).ConnectionString);
    }

    [Theory]
    [InlineData(null, 1F)]
    [InlineData("", 1F)]
    [InlineData("0.25", 0.25F)]
    [InlineData("0", 0F)]
    public void The_sampling_ratio_is_a_share_of_the_traces_all_by_default(string? setting, float ratio)
    {
        Assert.Equal(ratio, FunctionsAppTelemetry.SamplingRatio(setting));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("-0.1")]
    [InlineData("half")]
    public void A_sampling_ratio_outside_0_to_1_is_refused_naming_the_setting(string setting)
    {
        var refused = Assert.Throws<EventFunctions.InvalidSettingException>(() => FunctionsAppTelemetry.SamplingRatio(setting));
        Assert.Contains(FunctionsAppTelemetry.SamplingRatioSetting, refused.Message);
    }

    [Theory]
    [InlineData("ClientId=abc;Authorization=AAD", "abc")]
    [InlineData(" Authorization=aad ; ClientId=abc ", "abc")]
    [InlineData("Authorization=AAD", null)]
    [InlineData("ClientId=abc", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void The_managed_identity_is_read_from_the_authentication_string(string? authentication, string? clientId)
    {
        Assert.Equal(clientId, FunctionsAppTelemetry.ManagedIdentityClientId(authentication));
    }
}
