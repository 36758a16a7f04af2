using Confluent.Kafka;
using EventFunctions.FunctionsApp;
using EventFunctions.FunctionsApp.Kafka;
using EventFunctions.FunctionsApp.Tests.Bindings;
using EventFunctions.Infra.Tests.Templates;
using EventFunctions.Messaging;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EventFunctions.Infra.Tests;

/// <summary>
/// The app as infra/deploy.sh ships it: built with -p:KafkaTriggerProtocol=SaslSsl, and started on the deployed
/// settings once the platform has resolved their Key Vault references. ./test.sh runs this class against both builds:
/// the default one must refuse the deployed settings, naming the build to use; the deployed one must start on them.
/// </summary>
[Trait("Category", "DeployedBuild")]
public sealed class DeployedBuildTests
{
    [Theory]
    [MemberData(nameof(Deployments.Sources), MemberType = typeof(Deployments))]
    public void The_deployed_settings_start_the_app_exactly_when_its_triggers_are_built_for_SASL_SSL(string kafkaSource)
    {
        var resolved = new DeployedFunctionApp(Deployments.For(kafkaSource)).ResolvedConfiguration();
        var settings = new ConfigurationBuilder().AddInMemoryCollection(resolved).Build();
        ServiceProvider Start() => new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(settings).AddFunctionsApp(settings).BuildServiceProvider();

        if (TriggerConnection.BuiltFor == SecurityProtocol.SaslSsl)
        {
            using var app = Start();
            var kafka = app.GetRequiredService<KafkaConnection>();
            Assert.Equal(resolved[KafkaConnection.BrokerListSetting], kafka.BrokerList);
            Assert.Equal(resolved[KafkaConnection.SaslPasswordSetting], kafka.SaslPassword);
            Assert.DoesNotContain("@Microsoft.KeyVault", kafka.BrokerList + kafka.SaslUsername + kafka.SaslPassword);
        }
        else
        {
            var refused = Assert.Throws<InvalidOperationException>(() => Start().Dispose());
            Assert.Contains("-p:KafkaTriggerProtocol=SaslSsl", refused.Message);
        }
    }

    [Fact]
    public void Every_trigger_speaks_the_protocol_of_the_build()
    {
        var (protocol, mode) = TriggerConnection.BuiltFor == SecurityProtocol.SaslSsl
            ? (BrokerProtocol.SaslSsl, BrokerAuthenticationMode.Plain)
            : (BrokerProtocol.NotSet, BrokerAuthenticationMode.NotSet);

        Assert.All(AppFunctions.WithTrigger<KafkaTriggerAttribute>(), t =>
        {
            Assert.Equal(protocol, t.Trigger.Protocol);
            Assert.Equal(mode, t.Trigger.AuthenticationMode);
        });
    }
}
