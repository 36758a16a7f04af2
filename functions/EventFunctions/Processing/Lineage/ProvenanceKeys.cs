using Microsoft.Extensions.Configuration;

namespace EventFunctions.Processing.Lineage;

/// <summary>
/// Where the provenance key comes from. <see cref="KeySetting"/> (and, while rotating, <see cref="PreviousKeySetting"/>)
/// hold it as base64 — in Azure a Key Vault reference, so the key lives in the vault. Left unset, the pipeline keeps
/// a key it generated once in its own storage (<see cref="IProvenanceKeyStore"/>), which every host sharing those
/// tables reads: the same trust its inbox rows had when they vouched for records. Read once per process.
/// </summary>
public sealed class ProvenanceKeys
{
    public const string KeySetting = "ProvenanceKey";
    public const string PreviousKeySetting = "ProvenanceKeyPrevious";

    private readonly IConfiguration settings;
    private readonly IProvenanceKeyStore store;

    /// <summary>Settings are checked here, so that a bad one stops the host at start, before any record.</summary>
    public ProvenanceKeys(IConfiguration settings, IProvenanceKeyStore store)
    {
        (this.settings, this.store) = (settings, store);
        FromSetting(KeySetting);
        FromSetting(PreviousKeySetting);
    }

    private readonly SemaphoreSlim loading = new(1, 1);
    private ProvenanceKeyring? keyring;

    public async ValueTask<ProvenanceKeyring> GetAsync(CancellationToken cancellationToken)
    {
        if (keyring is { } loaded) return loaded;
        await loading.WaitAsync(cancellationToken);
        try
        {
            return keyring ??= await LoadAsync(cancellationToken);
        }
        finally
        {
            loading.Release();
        }
    }

    private async Task<ProvenanceKeyring> LoadAsync(CancellationToken cancellationToken)
    {
        var previous = FromSetting(PreviousKeySetting) is { } key ? [key] : Array.Empty<ProvenanceKey>();
        return new ProvenanceKeyring(FromSetting(KeySetting) ?? await store.GetOrCreateAsync(cancellationToken), previous);
    }

    private ProvenanceKey? FromSetting(string name)
    {
        if (settings[name] is not { Length: > 0 } text) return null;
        var bytes = new byte[text.Length];
        if (!Convert.TryFromBase64String(text, bytes, out var length))
            throw new InvalidSettingException(name, "is not base64; generate one with: openssl rand -base64 32");
        if (length < ProvenanceKey.MinimumBytes)
            throw new InvalidSettingException(name, $"holds {length} bytes; a provenance key has at least {ProvenanceKey.MinimumBytes} (openssl rand -base64 32)");
        return new ProvenanceKey(bytes[..length]);
    }
}

/// <summary>The key the pipeline generated for itself, when no setting gives one.</summary>
public interface IProvenanceKeyStore
{
    /// <summary>The stored key; the first caller of all stores a new one, and every later one (any host) reads it.</summary>
    Task<ProvenanceKey> GetOrCreateAsync(CancellationToken cancellationToken);
}
