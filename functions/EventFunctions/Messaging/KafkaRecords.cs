using System.Text;

namespace EventFunctions.Messaging;

/// <summary>A record as a trigger delivers it: what the hosts translate their Kafka batches into, byte for byte.</summary>
public sealed record IncomingRecord(
    string Topic,
    int Partition,
    long Offset,
    byte[]? Key,
    byte[]? Value,
    IReadOnlyList<RecordHeader> Headers,
    DateTimeOffset? Timestamp = null)
{
    public string Coordinates => $"{Topic}[{Partition}]@{Offset}";

    /// <summary>A record as a Confluent.Kafka consumer returns it.</summary>
    public static IncomingRecord From(Confluent.Kafka.ConsumeResult<byte[]?, byte[]?> result) => new(
        result.Topic,
        result.Partition.Value,
        result.Offset.Value,
        result.Message.Key,
        result.Message.Value,
        result.Message.Headers?.Select(h => new RecordHeader(h.Key, h.GetValueBytes())).ToList() ?? [],
        result.Message.Timestamp.Type == Confluent.Kafka.TimestampType.NotAvailable ? null : result.Message.Timestamp.UtcDateTime);
}

/// <summary>
/// A record to produce. Kept as bytes, so that a stored outbox is re-published and a dead letter copied exactly as
/// they were: a null key or value stays null, a key that is not UTF-8 keeps its bytes.
/// </summary>
public sealed record OutgoingRecord(string Topic, byte[]? Key, byte[]? Value, IReadOnlyList<RecordHeader> Headers, DateTimeOffset? Timestamp = null)
{
    /// <summary>A record keyed by text (an order id), as the pipeline's own events are.</summary>
    public static OutgoingRecord Keyed(string topic, string key, byte[] value, IReadOnlyList<RecordHeader> headers) =>
        new(topic, Encoding.UTF8.GetBytes(key), value, headers);

    /// <summary>The key as text, for logs and tests; bytes that are not UTF-8 show as replacement characters.</summary>
    public string? KeyText => Key is null ? null : Encoding.UTF8.GetString(Key);
}

/// <summary>A Kafka header: a name and bytes, or no value at all (null), as Kafka allows.</summary>
public sealed record RecordHeader(string Key, byte[]? Value)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static RecordHeader Text(string key, string value) => new(key, Encoding.UTF8.GetBytes(value));

    /// <summary>The value as text, for logs; bytes that are not UTF-8 show as replacement characters.</summary>
    public string ValueAsText => Value is null ? "" : Encoding.UTF8.GetString(Value);

    /// <summary>The value as text, or null when it is absent or not valid UTF-8: what a decoder may trust.</summary>
    public string? StrictText()
    {
        if (Value is null) return null;
        try
        {
            return StrictUtf8.GetString(Value);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
