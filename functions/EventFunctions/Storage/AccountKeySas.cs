using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Data.Tables.Sas;

namespace EventFunctions.Storage;

/// <summary>
/// Lets a connection string's account key (Azurite's among them) sign one account SAS, renewed an hour before it
/// expires, rather than every request: the SDK's shared-key signing creates an HMAC per request that only the
/// finalizer frees, which cost the local host about a sixth of its CPU under load. Requests then carry the SAS.
/// </summary>
public sealed class AccountKeySas : HttpPipelinePolicy
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);
    private static readonly TimeSpan RenewBefore = TimeSpan.FromHours(1);

    private readonly TableServiceClient signer;
    private readonly TimeProvider clock;
    private readonly Lock renewing = new();
    private readonly AzureSasCredential credential;

    // Read by every request without the lock: ticks, so that no read sees half of an update.
    private long expiresAtTicks;

    private AccountKeySas(TableServiceClient signer, TimeProvider clock)
    {
        this.signer = signer;
        this.clock = clock;
        credential = new AzureSasCredential(Sign(out var expiresOn));
        expiresAtTicks = expiresOn.UtcTicks;
    }

    /// <summary>A client that sends a SAS its key signed, or null when the connection string holds no account key.</summary>
    public static TableServiceClient? ClientFor(string connectionString, TableClientOptions options, TimeProvider clock)
    {
        // Only signs, never sends: default options keep the caller's policies out of it.
        var signer = new TableServiceClient(connectionString);
        AccountKeySas sas;
        try
        {
            sas = new AccountKeySas(signer, clock);
        }
        catch (InvalidOperationException)
        {
            // No account key to sign with: a SAS connection string already, or no key at all.
            return null;
        }
        options.AddPolicy(sas, HttpPipelinePosition.PerCall);
        return new TableServiceClient(signer.Uri, sas.credential, options);
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        RenewIfDue();
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        RenewIfDue();
        return ProcessNextAsync(message, pipeline);
    }

    private void RenewIfDue()
    {
        if (!IsDue()) return;
        lock (renewing)
        {
            if (!IsDue()) return;
            credential.Update(Sign(out var next));
            Volatile.Write(ref expiresAtTicks, next.UtcTicks);
        }
    }

    private bool IsDue() => clock.GetUtcNow().UtcTicks >= Volatile.Read(ref expiresAtTicks) - RenewBefore.Ticks;

    private string Sign(out DateTimeOffset expires)
    {
        expires = clock.GetUtcNow() + Lifetime;
        return signer.GenerateSasUri(TableAccountSasPermissions.All, TableAccountSasResourceTypes.All, expires).Query;
    }
}
