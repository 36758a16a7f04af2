using EventFunctions.Messaging;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.FunctionsApp.Kafka;

/// <summary>The extension's raw records as the pipeline's <see cref="IncomingRecord"/>: coordinates, key, value, headers and timestamp, byte for byte.</summary>
public static class KafkaRecordBatch
{
    public static IReadOnlyList<IncomingRecord> ToIncomingRecords(this IEnumerable<KafkaRecord> records) =>
        records.Select(ToIncomingRecord).ToList();

    public static IncomingRecord ToIncomingRecord(this KafkaRecord record) => new(
        record.Topic,
        record.Partition,
        record.Offset,
        record.Key,
        record.Value,
        record.Headers?.Select(h => new RecordHeader(h.Key, h.Value)).ToList() ?? [],
        record.Timestamp is { Type: not KafkaTimestampType.NotAvailable } timestamp ? timestamp.DateTimeOffset : null);
}
