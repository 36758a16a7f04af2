using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace EventFunctions.Infra.Tests.Templates;

/// <summary>The Function App of a predicted deployment: its site, its identity and its app settings as deployed.</summary>
public sealed partial class DeployedFunctionApp(PredictedDeployment deployment)
{
    public JsonObject Site { get; } = deployment.Single("Microsoft.Web/sites");

    /// <summary>App settings, evaluated (Key Vault references stay references: the platform resolves them at run time).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; } = deployment.Single("Microsoft.Web/sites/config")["properties"]!.AsObject()
        .ToDictionary(s => s.Key, s => deployment.Evaluate(s.Value));

    /// <summary>Resource id of the app's one user-assigned identity.</summary>
    public string IdentityId => Assert.Single(Site["identity"]!["userAssignedIdentities"]!.AsObject()).Key;

    public string IdentityName => AzureModel.Parse(IdentityId).Name;

    public JsonObject FunctionAppConfig => Site["properties"]!["functionAppConfig"]!.AsObject();

    /// <summary>The settings as the worker's configuration reads them ("A__b" becomes "A:b").</summary>
    public IReadOnlyDictionary<string, string?> AsConfiguration() =>
        Settings.ToDictionary(s => s.Key.Replace("__", ":"), s => (string?)s.Value);

    /// <summary>
    /// The settings as the worker reads them once the platform has resolved each Key Vault reference to the secret
    /// this deployment writes (a reference to a secret it does not write stays as it is, as on the platform).
    /// </summary>
    public IReadOnlyDictionary<string, string?> ResolvedConfiguration()
    {
        var secrets = deployment.OfType("Microsoft.KeyVault/vaults/secrets")
            .ToDictionary(PredictedDeployment.Name, s => deployment.Evaluate(s["properties"]!["value"]));
        return AsConfiguration().ToDictionary(s => s.Key, s =>
            KeyVaultReference().Match(s.Value ?? "") is { Success: true } reference
            && secrets.TryGetValue($"{reference.Groups["vault"].Value}/{reference.Groups["secret"].Value}", out var value)
                ? value
                : s.Value);
    }

    /// <summary>An unversioned Key Vault reference, so a rotated secret is picked up without a redeployment.</summary>
    [GeneratedRegex(@"^@Microsoft\.KeyVault\(SecretUri=https://(?<vault>[^.]+)\.vault\.azure\.net/secrets/(?<secret>[A-Za-z0-9-]+)\)$")]
    public static partial Regex KeyVaultReference();
}
