using System.Globalization;
using EventFunctions.Messaging;

namespace EventFunctions.Processing;

/// <summary>
/// A record that cannot be processed goes, byte for byte, to <c>&lt;topic&gt;.dlq</c> with the reason and its
/// original coordinates added in headers, so that its partition moves on and the record can be put back later.
/// </summary>
public static class DeadLetters
{
    public const string Reason = "dlq_reason";
    public const string Consumer = "dlq_consumer_group";
    public const string OriginalTopic = "dlq_original_topic";
    public const string OriginalPartition = "dlq_original_partition";
    public const string OriginalOffset = "dlq_original_offset";
    public const string Time = "dlq_time";

    /// <summary>Headers this pipeline adds to a dead letter, all starting so: a redrive strips them.</summary>
    public const string HeaderPrefix = "dlq_";

    public static OutgoingRecord For(IncomingRecord record, string consumerGroup, string reason, DateTimeOffset at)
    {
        var headers = new List<RecordHeader>(record.Headers)
        {
            RecordHeader.Text(Reason, reason),
            RecordHeader.Text(Consumer, consumerGroup),
            RecordHeader.Text(OriginalTopic, record.Topic),
            RecordHeader.Text(OriginalPartition, record.Partition.ToString(CultureInfo.InvariantCulture)),
            RecordHeader.Text(OriginalOffset, record.Offset.ToString(CultureInfo.InvariantCulture)),
            RecordHeader.Text(Time, at.ToString("O", CultureInfo.InvariantCulture)),
        };
        // The original record, byte for byte: key, value (null stays null), headers, timestamp.
        return new OutgoingRecord(Contracts.Topics.DeadLetterOf(record.Topic), record.Key, record.Value, headers, record.Timestamp);
    }
}
