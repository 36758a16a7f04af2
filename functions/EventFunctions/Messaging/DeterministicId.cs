using System.Security.Cryptography;
using System.Text;

namespace EventFunctions.Messaging;

/// <summary>
/// Name-based UUIDs (version 5, RFC 9562): the same emitter reacting to the same cause always gets the
/// same id, so an event re-emitted after a redelivery carries the deduplication key of the first emission.
/// </summary>
public static class DeterministicId
{
    // A fixed namespace of our own, so our ids never collide with other v5 users of the same names.
    private static readonly Guid Namespace = new("6f1c2a7e-5d0b-4c4e-9a8f-0e7d3b2c1a90");

    public static string For(string emitter, string cause) => Create($"{emitter}\n{cause}").ToString();

    internal static Guid Create(string name)
    {
        Span<byte> input = stackalloc byte[16 + Encoding.UTF8.GetMaxByteCount(name.Length)];
        Namespace.TryWriteBytes(input, bigEndian: true, out _);
        var length = 16 + Encoding.UTF8.GetBytes(name, input[16..]);

        Span<byte> hash = stackalloc byte[SHA1.HashSizeInBytes];
        SHA1.HashData(input[..length], hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50); // version 5
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80); // RFC 9562 variant
        return new Guid(hash[..16], bigEndian: true);
    }
}
