using System.Globalization;
using System.Text;
using Confluent.Kafka;
using EventFunctions.Contracts;
using EventFunctions.Messaging;
using EventFunctions.Processing;

namespace EventFunctions.Operations.DeadLetterQueue;

/// <summary>
/// Reads dead-letter topics from their beginning to their end as they are now, with a consumer of no group (it
/// commits nothing and moves no one's offsets). Dead letters are few where the pipeline is healthy; this reads them all.
/// </summary>
public sealed class DeadLetterReader(KafkaConnection kafka)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public Task<IReadOnlyList<StoredDeadLetter>> ReadAsync(DeadLetterFilter filter, CancellationToken cancellationToken) =>
        Task.Run(() => Read(filter, cancellationToken), cancellationToken);

    private IReadOnlyList<StoredDeadLetter> Read(DeadLetterFilter filter, CancellationToken cancellationToken)
    {
        var config = kafka.ConsumerConfig("operations-" + Guid.NewGuid().ToString("N"));
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        var ends = filter.DeadLetterTopics
            .SelectMany(topic => Enumerable.Range(0, Topics.Partitions).Select(p => new TopicPartition(topic, p)))
            .Select(tp => (Partition: tp, Watermarks: consumer.QueryWatermarkOffsets(tp, Timeout)))
            .Where(p => p.Watermarks.High.Value > p.Watermarks.Low.Value)
            .ToDictionary(p => p.Partition, p => p.Watermarks.High.Value);
        consumer.Assign(ends.Keys.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));

        var letters = new List<StoredDeadLetter>();
        var unread = new HashSet<TopicPartition>(ends.Keys);
        while (unread.Count > 0)
        {
            var record = consumer.Consume(Timeout) ?? throw new TimeoutException($"Reading the dead-letter topics stalled at {string.Join(", ", unread)}.");
            cancellationToken.ThrowIfCancellationRequested();
            if (record.Offset.Value + 1 >= ends[record.TopicPartition]) unread.Remove(record.TopicPartition);
            var letter = ToStored(record);
            if (filter.Matches(letter.Letter)) letters.Add(letter);
        }
        consumer.Close();
        return letters;
    }

    private static StoredDeadLetter ToStored(ConsumeResult<byte[]?, byte[]?> record)
    {
        var headers = record.Message.Headers?.Select(h => new RecordHeader(h.Key, h.GetValueBytes())).ToList() ?? [];
        string? Header(string name) => headers.LastOrDefault(h => h.Key == name)?.ValueAsText;
        int? Number(string name) => int.TryParse(Header(name), CultureInfo.InvariantCulture, out var n) ? n : null;

        var letter = new DeadLetter(
            record.Topic,
            record.Partition.Value,
            record.Offset.Value,
            Header(DeadLetters.OriginalTopic) ?? record.Topic[..^Topics.DeadLetterSuffix.Length],
            Number(DeadLetters.OriginalPartition),
            long.TryParse(Header(DeadLetters.OriginalOffset), CultureInfo.InvariantCulture, out var offset) ? offset : null,
            Header(DeadLetters.Consumer),
            Header(DeadLetters.Reason),
            Header(CloudEventHeaders.Subject) ?? (record.Message.Key is { } key ? Encoding.UTF8.GetString(key) : null),
            Header(CloudEventHeaders.Id),
            Header(CloudEventHeaders.Type),
            DateTimeOffset.TryParse(Header(DeadLetters.Time), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) ? time : null,
            RedriveHeaders.CountOf(headers),
            Redriven: null);
        var timestamp = record.Message.Timestamp.Type == TimestampType.NotAvailable ? (DateTimeOffset?)null : record.Message.Timestamp.UtcDateTime;
        return new StoredDeadLetter(letter, record.Message.Key, record.Message.Value, headers, timestamp);
    }
}

/// <summary>A dead letter with the record it holds, as it lies on its topic.</summary>
public sealed record StoredDeadLetter(DeadLetter Letter, byte[]? Key, byte[]? Value, IReadOnlyList<RecordHeader> Headers, DateTimeOffset? Timestamp);
