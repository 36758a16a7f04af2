using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;

namespace EventFunctions.Storage;

/// <summary>
/// Reaches Table Storage the way the Functions host reads its own <c>AzureWebJobsStorage</c> connection: a connection
/// string (Azurite's is <c>UseDevelopmentStorage=true</c>, the default), or an identity-based connection,
/// <c>AzureWebJobsStorage__tableServiceUri</c> with the app's managed identity, so no account key is needed in Azure.
/// </summary>
public static class TableServiceConnection
{
    public const string Setting = "AzureWebJobsStorage";
    public const string ServiceUriSetting = Setting + ":tableServiceUri";
    public const string CredentialSetting = Setting + ":credential";
    public const string ClientIdSetting = Setting + ":clientId";
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    public static TableServiceClient Create(IConfiguration settings, TableClientOptions options)
    {
        if (settings[ServiceUriSetting] is { Length: > 0 } serviceUri && settings[Setting] is not { Length: > 0 })
            return new TableServiceClient(new Uri(serviceUri), CredentialFrom(settings), options);
        var connectionString = settings[Setting] is { Length: > 0 } configured ? configured : DevelopmentStorage;
        return AccountKeySas.ClientFor(connectionString, options, TimeProvider.System) ?? new TableServiceClient(connectionString, options);
    }

    /// <summary>A user-assigned identity when <c>__clientId</c> names one, the system-assigned one for <c>__credential=managedidentity</c>, else the developer's own sign-in.</summary>
    private static TokenCredential CredentialFrom(IConfiguration settings) =>
        settings[ClientIdSetting] is { Length: > 0 } clientId ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(clientId))
        : string.Equals(settings[CredentialSetting], "managedidentity", StringComparison.OrdinalIgnoreCase) ? new ManagedIdentityCredential(ManagedIdentityId.SystemAssigned)
        : new DefaultAzureCredential();
}
