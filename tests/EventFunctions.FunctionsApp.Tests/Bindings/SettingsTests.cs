using EventFunctions.FunctionsApp.Tests.Infrastructure;
using EventFunctions.Messaging;
using EventFunctions.Storage;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.FunctionsApp.Tests.Bindings;

/// <summary>local.settings.sample.json names every setting the app's attributes and code read, and starts the app as it is.</summary>
public sealed class SettingsTests
{
    [Fact]
    public void Every_setting_a_trigger_attribute_names_is_in_the_settings_template()
    {
        var named = AppFunctions.SettingsNamedByTriggers();

        Assert.Contains(KafkaConnection.BrokerListSetting, named);
        Assert.All(named, setting => Assert.True(SettingsTemplate.Values.ContainsKey(setting), $"'{setting}' is missing from local.settings.sample.json"));
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData(TableServiceConnection.Setting)]
    [InlineData(TableStorage.PrefixSetting)]
    [InlineData(KafkaConnection.BrokerListSetting)]
    [InlineData(KafkaConnection.SecurityProtocolSetting)]
    [InlineData(KafkaConnection.SaslMechanismSetting)]
    [InlineData(KafkaConnection.SaslUsernameSetting)]
    [InlineData(KafkaConnection.SaslPasswordSetting)]
    [InlineData(EventFunctions.Operations.OperationsOptions.OrderDeadlineSetting)]
    [InlineData(FunctionsApp.Telemetry.FunctionsAppTelemetry.ConnectionStringSetting)]
    [InlineData(EventFunctions.Telemetry.PipelineTelemetry.OtlpEndpointSetting)]
    [InlineData(FunctionsApp.Telemetry.FunctionsAppTelemetry.SamplingRatioSetting)]
    public void Every_setting_the_code_reads_is_in_the_settings_template(string setting)
    {
        Assert.True(SettingsTemplate.Values.ContainsKey(setting), $"'{setting}' is missing from local.settings.sample.json");
    }

    [Fact]
    public void The_template_names_the_isolated_worker_and_Azurite_and_holds_no_secret()
    {
        Assert.Equal("dotnet-isolated", SettingsTemplate.Values["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal(TableServiceConnection.DevelopmentStorage, SettingsTemplate.Values[TableServiceConnection.Setting]);
        Assert.Equal("", SettingsTemplate.Values[KafkaConnection.SaslPasswordSetting]);
    }

    [Fact]
    public void The_app_starts_on_the_template_and_refuses_a_protocol_its_triggers_were_not_built_for()
    {
        Assert.NotNull(AppServices.Build(SettingsTemplate.Configuration()));

        var other = TriggerProtocolIsSaslSsl ? "Plaintext" : "SaslSsl";
        var error = Assert.Throws<InvalidOperationException>(() =>
            AppServices.Build(SettingsTemplate.Configuration((KafkaConnection.SecurityProtocolSetting, other))));

        Assert.Contains("-p:KafkaTriggerProtocol=" + other, error.Message);
    }

    [Fact]
    public void Without_a_broker_list_the_app_says_which_setting_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            AppServices.Build(SettingsTemplate.Configuration((KafkaConnection.BrokerListSetting, ""))));

        Assert.Contains(KafkaConnection.BrokerListSetting, error.Message);
    }

    private static bool TriggerProtocolIsSaslSsl =>
        AppFunctions.WithTrigger<KafkaTriggerAttribute>().First().Trigger.Protocol == BrokerProtocol.SaslSsl;
}
