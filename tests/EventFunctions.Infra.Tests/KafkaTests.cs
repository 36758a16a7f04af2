using System.Text.Json.Nodes;
using EventFunctions.Contracts;
using EventFunctions.Infra.Tests.Bicep;
using EventFunctions.Infra.Tests.Templates;
using EventFunctions.Storage;

namespace EventFunctions.Infra.Tests;

/// <summary>The Kafka side: Event Hubs with one event hub per topic of the catalogue, or an existing cluster; either way the connection lands in Key Vault.</summary>
public sealed class KafkaTests
{
    [Fact]
    public void The_infrastructure_catalogue_is_the_codes_catalogue()
    {
        var pipeline = JsonNode.Parse(InfraDirectory.Read("pipeline.json"))!;

        Assert.Equal(Topics.AllWithDeadLetters, pipeline["topics"]!.AsArray().Select(t => (string)t!));
        Assert.Equal(Topics.Partitions, (int)pipeline["partitions"]!);
        Assert.Equal(TableStorage.All, pipeline["tables"]!.AsArray().Select(t => (string)t!));
    }

    [Fact]
    public void Under_Event_Hubs_every_topic_and_dead_letter_topic_is_an_event_hub_with_the_pipelines_partitions()
    {
        var deployment = Deployments.For(Deployments.EventHubsSource);
        var hubs = deployment.OfType("Microsoft.EventHub/namespaces/eventhubs")
            .ToDictionary(PredictedDeployment.ShortName, h => (int)h["properties"]!["partitionCount"]!);

        Assert.Equal(Topics.AllWithDeadLetters.Order(), hubs.Keys.Order());
        Assert.All(hubs, hub => Assert.Equal(Topics.Partitions, hub.Value));
    }

    [Fact]
    public void Under_Event_Hubs_the_app_connects_to_the_Kafka_endpoint_with_a_connection_string_that_cannot_manage()
    {
        var deployment = Deployments.For(Deployments.EventHubsSource);
        var ns = deployment.Single("Microsoft.EventHub/namespaces");
        var rule = deployment.Single("Microsoft.EventHub/namespaces/authorizationRules");
        var secrets = Secrets(deployment);

        Assert.Contains((string?)ns["sku"]!["name"], new[] { "Standard", "Premium" }); // Basic has no Kafka endpoint
        Assert.Equal(["Listen", "Send"], rule["properties"]!["rights"]!.AsArray().Select(r => (string)r!).Order());
        Assert.Equal($"{PredictedDeployment.Name(ns)}.servicebus.windows.net:9093", secrets["kafka-broker-list"]);
        Assert.Equal("$ConnectionString", secrets["kafka-sasl-username"]);
        Assert.StartsWith($"Endpoint=sb://{PredictedDeployment.Name(ns)}.servicebus.windows.net/;SharedAccessKeyName={PredictedDeployment.ShortName(rule)};", secrets["kafka-sasl-password"]);
        Assert.Equal(secrets["kafka-broker-list"], deployment.Evaluate(deployment.Outputs["eventHubsBootstrapServers"]));
    }

    [Theory]
    [InlineData("Standard", 1)]
    [InlineData("Standard", 3)]
    [InlineData("Standard", 40)]
    [InlineData("Premium", 1)]
    [InlineData("Premium", 16)]
    public void Each_tier_is_deployed_with_a_capacity_it_sells(string sku, int capacity)
    {
        var deployment = PredictedDeployment.With(new Dictionary<string, string> { ["eventHubsSku"] = $"'{sku}'", ["eventHubsCapacity"] = $"{capacity}" });

        var namespaceSku = deployment.Single("Microsoft.EventHub/namespaces")["sku"]!;
        Assert.Equal((sku, capacity), ((string)namespaceSku["name"]!, (int)namespaceSku["capacity"]!));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public void Premium_with_a_processing_unit_count_it_does_not_sell_is_refused_before_deploying(int capacity)
    {
        var attempt = PredictedDeployment.Attempt(new Dictionary<string, string> { ["eventHubsSku"] = "'Premium'", ["eventHubsCapacity"] = $"{capacity}" });

        Assert.NotEqual(0, attempt.ExitCode);
        Assert.Contains($"eventHubsCapacity: Premium takes 1, 2, 4, 8 or 16 processing units, not {capacity}", attempt.Errors);
    }

    [Fact]
    public void With_an_existing_cluster_nothing_of_Event_Hubs_is_deployed_and_the_given_connection_goes_to_Key_Vault()
    {
        var deployment = Deployments.For(Deployments.ExistingClusterSource);
        var given = Deployments.ExistingClusterConnection;
        var secrets = Secrets(deployment);

        Assert.DoesNotContain(deployment.Resources, r => ((string)r["type"]!).StartsWith("Microsoft.EventHub/", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(given["KAFKA_BOOTSTRAP_SERVERS"], secrets["kafka-broker-list"]);
        Assert.Equal(given["KAFKA_SASL_USERNAME"], secrets["kafka-sasl-username"]);
        Assert.Equal(given["KAFKA_SASL_PASSWORD"], secrets["kafka-sasl-password"]);
        Assert.Equal("", deployment.Evaluate(deployment.Outputs["eventHubsBootstrapServers"]));
    }

    private static Dictionary<string, string> Secrets(PredictedDeployment deployment) =>
        deployment.OfType("Microsoft.KeyVault/vaults/secrets")
            .ToDictionary(PredictedDeployment.ShortName, s => deployment.Evaluate(s["properties"]!["value"]));
}
