using System.Text.Json.Nodes;
using EventFunctions.Infra.Tests.Bicep;
using EventFunctions.Infra.Tests.Templates;

namespace EventFunctions.Infra.Tests;

/// <summary>Kafka credentials live in Key Vault only: never in an output, an app setting, another resource or the parameters file.</summary>
public sealed class SecretTests
{
    [Theory]
    [MemberData(nameof(Deployments.Sources), MemberType = typeof(Deployments))]
    public void No_secret_shows_in_an_output_or_an_app_setting(string kafkaSource)
    {
        var deployment = Deployments.For(kafkaSource);
        var app = new DeployedFunctionApp(deployment);
        var outputs = deployment.EvaluatedStrings(deployment.Outputs).ToList();

        foreach (var secret in Deployments.SecretsOf(kafkaSource))
        {
            Assert.DoesNotContain(app.Settings, s => s.Value.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(outputs, o => o.Value.Contains(secret, StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Deployments.Sources), MemberType = typeof(Deployments))]
    public void Every_secret_is_written_to_Key_Vault_and_to_nothing_else(string kafkaSource)
    {
        var deployment = Deployments.For(kafkaSource);

        foreach (var secret in Deployments.SecretsOf(kafkaSource))
        {
            var holders = deployment.Resources
                .Where(r => deployment.EvaluatedStrings(r).Any(s => s.Value.Contains(secret, StringComparison.Ordinal)))
                .Select(r => (string)r["type"]!)
                .Distinct();

            Assert.Equal(["Microsoft.KeyVault/vaults/secrets"], holders);
        }
    }

    [Fact]
    public void The_template_outputs_no_secure_value()
    {
        var template = CompiledTemplate.Of("main.bicep");
        var outputs = template["outputs"]!.AsObject();

        Assert.Contains("functionAppName", outputs.Select(o => o.Key));
        Assert.Contains("apiBaseUrl", outputs.Select(o => o.Key));
        Assert.All(outputs, o => Assert.DoesNotContain("secure", (string?)o.Value!["type"] ?? "", StringComparison.OrdinalIgnoreCase));
        // listKeys(), listSecrets() and the like read secrets at deploy time.
        Assert.All(outputs, o => Assert.DoesNotMatch(@"\blist\w*\(", (string?)o.Value!["value"] ?? ""));
    }

    [Fact]
    public void The_parameters_file_holds_no_secret_and_takes_the_credentials_as_secure_parameters()
    {
        var template = CompiledTemplate.Of("main.bicep");
        var parameters = BuiltParameters.Of(InfraDirectory.Path, new Dictionary<string, string>());

        foreach (var name in new[] { "kafkaBootstrapServers", "kafkaSaslUsername", "kafkaSaslPassword" })
        {
            Assert.Equal("securestring", (string?)template["parameters"]![name]!["type"]);
            Assert.Equal("", parameters[name]);
        }
    }

    [Fact]
    public void Outputs_tell_a_user_where_the_API_is()
    {
        var deployment = Deployments.For(Deployments.EventHubsSource);
        var site = PredictedDeployment.Name(deployment.Single("Microsoft.Web/sites"));

        Assert.Equal(site, deployment.Evaluate(deployment.Outputs["functionAppName"]));
        Assert.Equal($"https://{site}.azurewebsites.net/api", deployment.Evaluate(deployment.Outputs["apiBaseUrl"]));
    }
}
