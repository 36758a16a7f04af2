using EventFunctions.Infra.Tests.Templates;
using EventFunctions.Processing.Lineage;
using Microsoft.Extensions.Configuration;

namespace EventFunctions.Infra.Tests;

/// <summary>
/// The provenance key in Azure (docs/provenance.md): written to Key Vault on the first deployment only, read by the
/// app through a Key Vault reference with a grant on that secret alone, and never shown anywhere else.
/// </summary>
public sealed class ProvenanceKeyTests
{
    /// <summary>What deploy.sh exports on a first deployment: a key it generated (a marker here, so it can be followed).</summary>
    private const string GeneratedKey = "cHJvdmVuYW5jZS1rZXktbWFya2VyLTAxMjM0NTY3ODkwMTIzNDU=";

    private static readonly Lazy<PredictedDeployment> First = new(() => PredictedDeployment.Of(new Dictionary<string, string>
    {
        ["PROVENANCE_KEY"] = GeneratedKey, ["PROVENANCE_KEY_MODE"] = "write",
    }));

    private static readonly Lazy<PredictedDeployment> Later = new(() => PredictedDeployment.Of(new Dictionary<string, string>
    {
        ["PROVENANCE_KEY"] = "", ["PROVENANCE_KEY_MODE"] = "keep",
    }));

    [Fact]
    public void A_first_deployment_writes_the_key_to_Key_Vault_and_nowhere_else_and_the_app_reads_it_from_there()
    {
        var deployment = First.Value;
        var app = new DeployedFunctionApp(deployment);

        var holders = deployment.Resources
            .Where(r => deployment.EvaluatedStrings(r).Any(s => s.Value.Contains(GeneratedKey, StringComparison.Ordinal)))
            .Select(PredictedDeployment.ShortName);
        Assert.Equal(["provenance-key"], holders);
        Assert.Matches(DeployedFunctionApp.KeyVaultReference(), app.Settings[ProvenanceKeys.KeySetting]);
        Assert.EndsWith("/secrets/provenance-key)", app.Settings[ProvenanceKeys.KeySetting]);
        Assert.Equal(GeneratedKey, app.ResolvedConfiguration()[ProvenanceKeys.KeySetting]);
        // The key the app is given is one it takes: a key it could not use would stop it at start.
        _ = new ProvenanceKeys(new ConfigurationBuilder().AddInMemoryCollection(app.ResolvedConfiguration()).Build(), null!);
    }

    [Fact]
    public void A_later_deployment_writes_no_key_and_keeps_reading_the_vaults()
    {
        var deployment = Later.Value;
        var app = new DeployedFunctionApp(deployment);

        Assert.DoesNotContain(deployment.OfType("Microsoft.KeyVault/vaults/secrets"), s => PredictedDeployment.ShortName(s) == "provenance-key");
        Assert.EndsWith("/secrets/provenance-key)", app.Settings[ProvenanceKeys.KeySetting]);
        Assert.Contains(deployment.OfType("Microsoft.Authorization/roleAssignments"),
            a => PredictedDeployment.Id(a).Contains("/secrets/provenance-key/providers/", StringComparison.Ordinal));
    }

    [Fact]
    public void Without_a_key_in_the_vault_the_app_is_given_none_and_keeps_its_own()
    {
        var app = new DeployedFunctionApp(Deployments.For(Deployments.EventHubsSource));

        Assert.False(app.Settings.ContainsKey(ProvenanceKeys.KeySetting));
    }
}
