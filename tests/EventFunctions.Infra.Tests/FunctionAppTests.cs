using System.Text.Json.Nodes;
using EventFunctions.FunctionsApp.Tests.Bindings;
using EventFunctions.Infra.Tests.Bicep;
using EventFunctions.Infra.Tests.Templates;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.Infra.Tests;

/// <summary>The Flex Consumption app as deployed: how it is published to, how far it scales, what it keeps warm, which network it reaches.</summary>
public sealed class FunctionAppTests
{
    private const string Subnet = "/subscriptions/00000000-0000-0000-0000-0000000000b2/resourceGroups/rg-network/providers/Microsoft.Network/virtualNetworks/vnet-kafka/subnets/snet-functions";

    [Theory]
    [MemberData(nameof(Deployments.Sources), MemberType = typeof(Deployments))]
    public void Publishing_with_a_username_and_password_is_off_by_policies_in_the_sites_location(string kafkaSource)
    {
        var deployment = Deployments.For(kafkaSource);
        var site = new DeployedFunctionApp(deployment).Site;
        var policies = deployment.OfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();

        Assert.Equal(["ftp", "scm"], policies.Select(PredictedDeployment.ShortName).Order());
        Assert.All(policies, policy =>
        {
            Assert.False((bool)policy["properties"]!["allow"]!);
            Assert.Equal((string?)site["location"], (string?)policy["location"]);
        });
    }

    [Fact]
    public void The_app_may_be_held_to_one_instance_as_Flex_Consumption_allows()
    {
        var parameter = CompiledTemplate.Of("main.bicep")["parameters"]!["maximumInstanceCount"]!;

        Assert.Equal(1, (int)parameter["minValue"]!);
        Assert.Equal(1, (int)Scale(PredictedDeployment.With(new Dictionary<string, string> { ["maximumInstanceCount"] = "1" }))["maximumInstanceCount"]!);
    }

    [Fact]
    public void Always_ready_instances_are_none_by_default_and_kept_per_function_or_for_the_http_group_when_asked()
    {
        var asked = new Dictionary<string, string>
        {
            ["alwaysReady"] = "[{ name: 'function:ValidateOrder', instanceCount: 2 }, { name: 'function:ProjectOrderView_OrdersPlaced', instanceCount: 1 }, { name: 'http', instanceCount: 1 }]",
        };

        Assert.Empty(Scale(Deployments.For(Deployments.EventHubsSource))["alwaysReady"]!.AsArray());
        Assert.Equal(
            [("function:ValidateOrder", 2), ("function:ProjectOrderView_OrdersPlaced", 1), ("http", 1)],
            Scale(PredictedDeployment.With(asked))["alwaysReady"]!.AsArray().Select(a => ((string)a!["name"]!, (int)a["instanceCount"]!)));
    }

    [Theory]
    [InlineData("function:ValidateOrdr")]
    [InlineData("function:GetOrder")] // an HTTP function: those scale together, as "http"
    [InlineData("ValidateOrder")]
    public void An_always_ready_entry_that_names_no_function_of_the_app_is_refused_before_deploying(string name)
    {
        var attempt = PredictedDeployment.Attempt(new Dictionary<string, string> { ["alwaysReady"] = $"[{{ name: '{name}', instanceCount: 1 }}]" });

        Assert.NotEqual(0, attempt.ExitCode);
        Assert.Contains($"alwaysReady: {name} names no function of the app", attempt.Errors);
    }

    [Fact]
    public void The_functions_always_ready_instances_may_name_are_the_apps_functions_that_scale_on_their_own()
    {
        var http = AppFunctions.WithTrigger<HttpTriggerAttribute>().Select(t => t.Method).ToHashSet();
        var scaledApart = AppFunctions.All.Where(m => !http.Contains(m)).Select(AppFunctions.NameOf);

        var listed = JsonNode.Parse(InfraDirectory.Read("pipeline.json"))!["functions"]!.AsArray().Select(f => (string)f!);

        Assert.Equal(scaledApart.Order(), listed.Order());
    }

    [Fact]
    public void Without_a_subnet_the_app_has_no_virtual_network_integration()
    {
        var site = new DeployedFunctionApp(Deployments.For(Deployments.EventHubsSource)).Site;

        Assert.Null(site["properties"]!["virtualNetworkSubnetId"]);
    }

    [Fact]
    public void With_a_subnet_the_app_reaches_private_networks_through_it()
    {
        var deployment = PredictedDeployment.With(new Dictionary<string, string>
        {
            ["kafkaSource"] = $"'{Deployments.ExistingClusterSource}'",
            ["kafkaBootstrapServers"] = "'10.20.0.4:9092'",
            ["virtualNetworkSubnetId"] = $"'{Subnet}'",
        });

        Assert.Equal(Subnet, (string?)new DeployedFunctionApp(deployment).Site["properties"]!["virtualNetworkSubnetId"]);
    }

    private static JsonObject Scale(PredictedDeployment deployment) =>
        new DeployedFunctionApp(deployment).FunctionAppConfig["scaleAndConcurrency"]!.AsObject();
}
