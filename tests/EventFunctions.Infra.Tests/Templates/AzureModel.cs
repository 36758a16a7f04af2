using System.Text.Json.Nodes;

namespace EventFunctions.Infra.Tests.Templates;

/// <summary>
/// What Azure answers at deploy time, as far as the templates ask: a resource's runtime properties
/// (<c>reference()</c>), an Event Hubs rule's keys (<c>listKeys()</c>) and the deployment's secure parameters.
/// Secrets are recognisable markers, so a test can tell where each one ends up.
/// </summary>
public sealed class AzureModel(IReadOnlyDictionary<string, string> parameters)
{
    /// <summary>The shared access key Azure would generate for the Event Hubs authorization rule.</summary>
    public const string EventHubsKey = "EVENT-HUBS-KEY-f0c4e1";

    public JsonNode Reference(string resourceId)
    {
        var (type, name) = Parse(resourceId);
        return type switch
        {
            "Microsoft.Storage/storageAccounts" => new JsonObject
            {
                ["primaryEndpoints"] = new JsonObject
                {
                    ["blob"] = $"https://{name}.blob.core.windows.net/",
                    ["queue"] = $"https://{name}.queue.core.windows.net/",
                    ["table"] = $"https://{name}.table.core.windows.net/",
                },
            },
            "Microsoft.KeyVault/vaults" => new JsonObject { ["vaultUri"] = $"https://{name}.vault.azure.net/" },
            "Microsoft.ManagedIdentity/userAssignedIdentities" => new JsonObject
            {
                ["clientId"] = ClientIdOf(name),
                ["principalId"] = PrincipalIdOf(name),
            },
            "Microsoft.Insights/components" => new JsonObject
            {
                ["ConnectionString"] = $"InstrumentationKey=ikey-of-{name};IngestionEndpoint=https://swedencentral-0.in.applicationinsights.azure.com/",
            },
            "Microsoft.EventHub/namespaces" => new JsonObject { ["serviceBusEndpoint"] = $"https://{name}.servicebus.windows.net:443/" },
            "Microsoft.Web/sites" => new JsonObject { ["defaultHostName"] = $"{name}.azurewebsites.net" },
            _ => throw new NotSupportedException($"The Azure model has no runtime properties for {type}."),
        };
    }

    public JsonNode ListKeys(string resourceId)
    {
        var (type, name) = Parse(resourceId);
        if (type != "Microsoft.EventHub/namespaces/authorizationRules")
            throw new NotSupportedException($"The Azure model lists no keys of {type}.");
        var (namespaceName, rule) = (name.Split('/')[0], name.Split('/')[1]);
        return new JsonObject
        {
            ["primaryKey"] = EventHubsKey,
            ["primaryConnectionString"] =
                $"Endpoint=sb://{namespaceName}.servicebus.windows.net/;SharedAccessKeyName={rule};SharedAccessKey={EventHubsKey}",
        };
    }

    public string Parameter(string name) =>
        parameters.TryGetValue(name, out var value) ? value : throw new KeyNotFoundException($"No value for parameter '{name}'.");

    public JsonNode Tenant() => new JsonObject { ["tenantId"] = "tenant-of-the-subscription" };

    public static string ClientIdOf(string identityName) => $"client-id-of-{identityName}";

    public static string PrincipalIdOf(string identityName) => $"principal-id-of-{identityName}";

    /// <summary>The type and name of the innermost provider resource in an id: ".../providers/Ns/type/name[/child/name]".</summary>
    public static (string Type, string Name) Parse(string resourceId)
    {
        var segments = resourceId[(resourceId.LastIndexOf("/providers/", StringComparison.Ordinal) + "/providers/".Length)..].Split('/');
        var types = new List<string> { segments[0] };
        var names = new List<string>();
        for (var i = 1; i + 1 < segments.Length; i += 2)
        {
            types.Add(segments[i]);
            names.Add(segments[i + 1]);
        }
        return (string.Join('/', types), string.Join('/', names));
    }
}
