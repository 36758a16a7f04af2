namespace EventFunctions.Messaging;

/// <summary>A record as a trigger delivers it: what the hosts translate their Kafka batches into.</summary>
public sealed record IncomingRecord(
    string Topic,
    int Partition,
    long Offset,
    byte[]? Key,
    byte[]? Value,
    IReadOnlyList<RecordHeader> Headers)
{
    public string Coordinates => $"{Topic}[{Partition}]@{Offset}";
}

/// <summary>A record to produce. Kept as bytes so that a stored outbox is re-published byte for byte.</summary>
public sealed record OutgoingRecord(string Topic, string Key, byte[] Value, IReadOnlyList<RecordHeader> Headers);

public sealed record RecordHeader(string Key, byte[] Value)
{
    public static RecordHeader Text(string key, string value) => new(key, System.Text.Encoding.UTF8.GetBytes(value));

    public string ValueAsText => System.Text.Encoding.UTF8.GetString(Value);
}
