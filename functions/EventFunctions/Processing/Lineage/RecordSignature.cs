using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using EventFunctions.Messaging;

namespace EventFunctions.Processing.Lineage;

/// <summary>
/// The HMAC-SHA256 a writer puts on each record it produces, in the <see cref="Header"/> header as
/// <c>{key id}:{base64 MAC}</c>. It covers what makes the record this event: its topic, key, value and the CloudEvents
/// attributes that <see cref="EventCodec.Decode"/> reads (id, type, source, time, subject, schema, cause), each
/// length-prefixed so that no two records share an input. Trace and redrive headers are left out: they change on a
/// re-publish or a redrive while the event stays the same.
/// </summary>
public static class RecordSignature
{
    public const string Header = "ef_signature";

    private static readonly string[] SignedHeaders =
    [
        CloudEventHeaders.Id, CloudEventHeaders.Type, CloudEventHeaders.Source, CloudEventHeaders.Time,
        CloudEventHeaders.Subject, CloudEventHeaders.DataSchema, CloudEventHeaders.CausationId,
    ];

    /// <summary><paramref name="record"/> with its signature by <paramref name="key"/> (any earlier one replaced).</summary>
    public static OutgoingRecord Sign(OutgoingRecord record, WriterKey key) => record with
    {
        Headers =
        [
            .. record.Headers.Where(h => h.Key != Header),
            RecordHeader.Text(Header, key.Id + ":" + Convert.ToBase64String(Mac(key.Secret, record.Topic, record.Key, record.Value, record.Headers))),
        ],
    };

    /// <summary>The key id and MAC a record carries, or null when it carries none that can be read.</summary>
    public static (string KeyId, byte[] Mac)? Of(IncomingRecord record)
    {
        var text = record.Headers.LastOrDefault(h => h.Key == Header)?.StrictText();
        var colon = text?.IndexOf(':') ?? -1;
        if (colon <= 0) return null;
        var mac = new byte[HMACSHA256.HashSizeInBytes];
        return Convert.TryFromBase64String(text![(colon + 1)..], mac, out var written) && written == mac.Length ? (text[..colon], mac) : null;
    }

    /// <summary>Whether <paramref name="mac"/> is the one <paramref name="secret"/> gives <paramref name="record"/>, compared in constant time.</summary>
    public static bool Matches(IncomingRecord record, byte[] mac, byte[] secret) =>
        CryptographicOperations.FixedTimeEquals(mac, Mac(secret, record.Topic, record.Key, record.Value, record.Headers));

    private static byte[] Mac(byte[] secret, string topic, byte[]? key, byte[]? value, IReadOnlyList<RecordHeader> headers)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, secret);
        Append(hmac, Encoding.UTF8.GetBytes(topic));
        Append(hmac, key);
        Append(hmac, value);
        foreach (var name in SignedHeaders) Append(hmac, headers.LastOrDefault(h => h.Key == name)?.Value);
        return hmac.GetHashAndReset();
    }

    /// <summary>A length (-1 for null), then the bytes.</summary>
    private static void Append(IncrementalHash hmac, byte[]? bytes)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes?.Length ?? -1);
        hmac.AppendData(length);
        if (bytes is not null) hmac.AppendData(bytes);
    }
}
