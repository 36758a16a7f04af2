using System.Security.Cryptography;
using System.Text;

namespace EventFunctions.Processing.Lineage;

/// <summary>
/// The pipeline's provenance secret, from which each writer's signing key is derived (HKDF-SHA256, the writer's name
/// as context): a record signed for one writer does not verify as another's, and one secret is all there is to keep.
/// Its id, the first bytes of its hash, names it in every signature, so that a rotated key's records still verify.
/// </summary>
public sealed class ProvenanceKey
{
    /// <summary>Shorter secrets are refused: HMAC-SHA256's key should be as long as its output.</summary>
    public const int MinimumBytes = 32;

    private readonly byte[] secret;
    private readonly Dictionary<string, WriterKey> writers = new();

    public ProvenanceKey(byte[] secret)
    {
        if (secret.Length < MinimumBytes) throw new ArgumentException($"a provenance key has at least {MinimumBytes} bytes", nameof(secret));
        this.secret = secret;
        Id = Convert.ToHexStringLower(SHA256.HashData(secret))[..8];
    }

    public string Id { get; }

    public static ProvenanceKey Generate() => new(RandomNumberGenerator.GetBytes(MinimumBytes));

    public string ToBase64() => Convert.ToBase64String(secret);

    public WriterKey For(string writer)
    {
        lock (writers)
        {
            if (!writers.TryGetValue(writer, out var key))
                writers[writer] = key = new WriterKey(Id, HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, MinimumBytes, info: Encoding.UTF8.GetBytes("eventfunctions/provenance/" + writer)));
            return key;
        }
    }
}
