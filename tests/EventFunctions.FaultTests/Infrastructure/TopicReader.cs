using System.Text;
using Confluent.Kafka;
using EventFunctions.Contracts;
using EventFunctions.Messaging;

namespace EventFunctions.FaultTests.Infrastructure;

/// <summary>Reads whole topics with a plain consumer of no group: what is on Kafka, independent of the pipeline's code.</summary>
public sealed class TopicReader(KafkaConnection kafka)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> ReadAll(string topic)
    {
        var config = kafka.ConsumerConfig("audit-" + Guid.NewGuid().ToString("N"));
        config.EnableAutoCommit = false;
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config).Build();
        var ends = Enumerable.Range(0, Topics.Partitions).Select(p => new TopicPartition(topic, p))
            .ToDictionary(tp => tp, tp => consumer.QueryWatermarkOffsets(tp, Timeout).High.Value)
            .Where(e => e.Value > 0).ToDictionary();
        consumer.Assign(ends.Keys.Select(tp => new TopicPartitionOffset(tp, Offset.Beginning)));
        var records = new List<ConsumeResult<byte[]?, byte[]?>>();
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

    public static string? Header(ConsumeResult<byte[]?, byte[]?> record, string name) =>
        record.Message.Headers?.TryGetLastBytes(name, out var bytes) == true ? Encoding.UTF8.GetString(bytes) : null;
}
