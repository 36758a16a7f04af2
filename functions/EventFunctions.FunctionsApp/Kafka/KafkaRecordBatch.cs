using EventFunctions.Messaging;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.FunctionsApp.Kafka;

/// <summary>The extension's raw records as the pipeline's <see cref="IncomingRecord"/>: coordinates, key, value, headers and timestamp, byte for byte.</summary>
public static class KafkaRecordBatch
{
    /// <summary>
    /// How every trigger asks the host to read keys: as bytes. The extension's default, String, decodes each key as
    /// UTF-8 before encoding it again for the worker, so a key that is not valid UTF-8 arrives altered (values are
    /// bytes already: a <see cref="KafkaRecord"/> binding reads them as <c>byte[]</c>).
    /// </summary>
    public const KafkaMessageKeyType KeyDataType = KafkaMessageKeyType.Binary;

    public static IReadOnlyList<IncomingRecord> ToIncomingRecords(this IEnumerable<KafkaRecord> records) =>
        records.Select(ToIncomingRecord).ToList();

    public static IncomingRecord ToIncomingRecord(this KafkaRecord record) => new(
        record.Topic,
        record.Partition,
        record.Offset,
        record.Key,
        record.Value,
        record.Headers?.Select(h => new RecordHeader(h.Key, h.Value)).ToList() ?? [],
        TimeOf(record.Timestamp));

    /// <summary>
    /// The record's time, or null when it has none. The time decides, never the type: the host extension (4.3.2) sends
    /// <c>Type</c> NotAvailable for every record (the event data it serializes from does not keep the type) and the
    /// real time in <c>UnixTimestampMs</c>, where a record without one shows Kafka's "no timestamp", -1, or 0.
    /// </summary>
    private static DateTimeOffset? TimeOf(KafkaTimestamp? timestamp) =>
        timestamp is { UnixTimestampMs: > 0 } ? timestamp.DateTimeOffset : null;
}
