using System.Text.Json.Nodes;

namespace EventFunctions.Infra.Tests.Templates;

/// <summary>The Function App of a predicted deployment: its site, its identity and its app settings as deployed.</summary>
public sealed class DeployedFunctionApp(PredictedDeployment deployment)
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
}
