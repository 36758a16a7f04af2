using System.Reflection;
using System.Runtime.Versioning;
using Azure.Data.Tables;
using Confluent.Kafka;
using EventFunctions.FunctionsApp.Tests.Bindings;
using EventFunctions.Infra.Tests.Templates;
using EventFunctions.Messaging;
using EventFunctions.Storage;
using Microsoft.Extensions.Configuration;

namespace EventFunctions.Infra.Tests;

/// <summary>The Function App is deployed with every setting the app's triggers and code read, pointing at the deployed resources.</summary>
public sealed class AppSettingsTests
{
    [Theory]
    [MemberData(nameof(Deployments.Sources), MemberType = typeof(Deployments))]
    public void Every_setting_a_trigger_attribute_names_is_set(string kafkaSource)
    {
        var app = new DeployedFunctionApp(Deployments.For(kafkaSource));
        var named = AppFunctions.SettingsNamedByTriggers();

        Assert.Contains(KafkaConnection.BrokerListSetting, named);
        Assert.All(named, setting => Assert.True(app.Settings.ContainsKey(setting), $"'{setting}' is not set on the Function App"));
    }

    [Theory]
    [MemberData(nameof(Deployments.Sources), MemberType = typeof(Deployments))]
    public void Every_setting_the_code_reads_is_set(string kafkaSource)
    {
        var configuration = new DeployedFunctionApp(Deployments.For(kafkaSource)).AsConfiguration();
        string[] read =
        [
            TableServiceConnection.ServiceUriSetting, TableServiceConnection.ClientIdSetting, TableStorage.PrefixSetting,
            KafkaConnection.BrokerListSetting, KafkaConnection.SecurityProtocolSetting, KafkaConnection.SaslMechanismSetting,
            KafkaConnection.SaslUsernameSetting, KafkaConnection.SaslPasswordSetting,
        ];

        Assert.All(read, setting => Assert.True(configuration.ContainsKey(setting), $"'{setting}' is not set on the Function App"));
        // Identity-based: no connection string, which would win over the service URI and need an account key.
        Assert.False(configuration.ContainsKey(TableServiceConnection.Setting));
    }

    [Theory]
    [MemberData(nameof(Deployments.Sources), MemberType = typeof(Deployments))]
    public void The_app_runs_on_the_isolated_worker_of_its_own_target_framework(string kafkaSource)
    {
        var app = new DeployedFunctionApp(Deployments.For(kafkaSource));
        var targetFramework = AppFunctions.Assembly.GetCustomAttribute<TargetFrameworkAttribute>()!.FrameworkName; // .NETCoreApp,Version=v10.0
        var runtime = app.FunctionAppConfig["runtime"]!;

        Assert.Equal("dotnet-isolated", (string?)runtime["name"]);
        Assert.Equal(targetFramework[(targetFramework.IndexOf("=v", StringComparison.Ordinal) + 2)..], (string?)runtime["version"]);
        Assert.Equal("functionapp,linux", (string?)app.Site["kind"]);
        // Flex Consumption takes the worker runtime from functionAppConfig and refuses it as a setting.
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", app.Settings.Keys);
    }

    [Theory]
    [MemberData(nameof(Deployments.Sources), MemberType = typeof(Deployments))]
    public void The_app_reaches_the_deployed_tables_with_its_identity(string kafkaSource)
    {
        var deployment = Deployments.For(kafkaSource);
        var app = new DeployedFunctionApp(deployment);
        var settings = new ConfigurationBuilder().AddInMemoryCollection(app.AsConfiguration()).Build();
        var account = PredictedDeployment.Name(deployment.Single("Microsoft.Storage/storageAccounts"));

        var client = TableServiceConnection.Create(settings, new TableClientOptions());

        Assert.Equal(new Uri($"https://{account}.table.core.windows.net/"), client.Uri);
        Assert.Equal(AzureModel.ClientIdOf(app.IdentityName), settings[TableServiceConnection.ClientIdSetting]);
    }

    [Theory]
    [MemberData(nameof(Deployments.Sources), MemberType = typeof(Deployments))]
    public void Kafka_is_reached_over_SASL_SSL_with_PLAIN_as_the_deployed_build_expects(string kafkaSource)
    {
        var settings = new ConfigurationBuilder().AddInMemoryCollection(new DeployedFunctionApp(Deployments.For(kafkaSource)).AsConfiguration()).Build();

        var connection = KafkaConnection.FromSettings(settings)!;

        Assert.Equal(SecurityProtocol.SaslSsl, connection.SecurityProtocol);
        Assert.Equal(SaslMechanism.Plain, connection.SaslMechanism);
    }

    [Theory]
    [MemberData(nameof(Deployments.Sources), MemberType = typeof(Deployments))]
    public void The_Kafka_connection_settings_are_Key_Vault_references_to_secrets_the_deployment_writes(string kafkaSource)
    {
        var deployment = Deployments.For(kafkaSource);
        var app = new DeployedFunctionApp(deployment);
        var vault = PredictedDeployment.Name(deployment.Single("Microsoft.KeyVault/vaults"));
        var secrets = deployment.OfType("Microsoft.KeyVault/vaults/secrets").Select(PredictedDeployment.ShortName).ToList();

        foreach (var setting in new[] { KafkaConnection.BrokerListSetting, KafkaConnection.SaslUsernameSetting, KafkaConnection.SaslPasswordSetting })
        {
            var reference = DeployedFunctionApp.KeyVaultReference().Match(app.Settings[setting]);
            Assert.True(reference.Success, $"{setting} is not a Key Vault reference: {app.Settings[setting]}");
            Assert.Equal(vault, reference.Groups["vault"].Value);
            Assert.Contains(reference.Groups["secret"].Value, secrets);
        }
        // The platform resolves the references with the app's own identity.
        Assert.Equal(app.IdentityId, (string?)app.Site["properties"]!["keyVaultReferenceIdentity"]);
    }
}
