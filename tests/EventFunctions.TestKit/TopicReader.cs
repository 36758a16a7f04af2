using System.Text;
using Confluent.Kafka;
using EventFunctions.Contracts;
using EventFunctions.Messaging;

namespace EventFunctions.TestKit;

/// <summary>
/// Reads a whole topic, from its beginning to its end as it is now, with a plain consumer of no group that commits
/// nothing: what is on Kafka, independent of the pipeline's own readers.
/// </summary>
public sealed class TopicReader(KafkaConnection kafka)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    /// <summary>Every record of <paramref name="topic"/>; <c>byte[]?</c> keys and values admit tombstones.</summary>
    public IReadOnlyList<ConsumeResult<TKey, TValue>> ReadAll<TKey, TValue>(string topic)
    {
        var config = kafka.ConsumerConfig("read-" + Guid.NewGuid().ToString("N"));
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<TKey, TValue>(config).Build();
        var ends = Enumerable.Range(0, Topics.Partitions).Select(p => new TopicPartition(topic, p))
            .Select(tp => (Partition: tp, End: consumer.QueryWatermarkOffsets(tp, Timeout).High.Value))
            .Where(p => p.End > 0)
            .ToDictionary(p => p.Partition, p => p.End);
        consumer.Assign(ends.Keys.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        var records = new List<ConsumeResult<TKey, TValue>>();
        var unread = ends.Keys.ToHashSet();
        while (unread.Count > 0)
        {
            var record = consumer.Consume(Timeout) ?? throw new TimeoutException($"Reading {topic} stalled.");
            records.Add(record);
            if (record.Offset.Value + 1 >= ends[record.TopicPartition]) unread.Remove(record.TopicPartition);
        }
        consumer.Close();
        return records;
    }

    /// <summary>A header's last value as UTF-8 text, or null when the record lacks it.</summary>
    public static string? Header<TKey, TValue>(ConsumeResult<TKey, TValue> record, string name) =>
        record.Message.Headers?.TryGetLastBytes(name, out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;
}
