using Confluent.Kafka;
using EventFunctions.Messaging;
using EventFunctions.Processing;
using EventFunctions.Processing.Retries;

namespace EventFunctions.IntegrationTests.Infrastructure;

/// <summary>Reads topics and consumer-group positions of the pipeline's cluster with plain Kafka clients.</summary>
public sealed class KafkaProbe(KafkaConnection kafka)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public IReadOnlyList<ConsumeResult<byte[], byte[]>> ReadAll(string topic) => new TopicReader(kafka).ReadAll<byte[], byte[]>(topic);

    /// <summary>True when every trigger's group has committed every partition of its topic up to the end: nothing is in flight.</summary>
    public bool CaughtUp(IEnumerable<IEventFunction> functions)
    {
        foreach (var function in functions)
        foreach (var (topic, group) in TriggerGroups.All(function))
        {
            using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.ConsumerConfig(group)).Build();
            var ends = HighWatermarks(consumer, topic);
            var committed = consumer.Committed(ends.Keys, Timeout).ToDictionary(c => c.TopicPartition, c => c.Offset.Value);
            if (ends.Any(end => end.Value > 0 && committed.GetValueOrDefault(end.Key, -1) < end.Value)) return false;
        }
        return true;
    }

    public async Task<DeliveryResult<string, byte[]>> ProduceAsync(string topic, string key, byte[] value, params (string Key, string Value)[] headers)
    {
        using var producer = new ProducerBuilder<string, byte[]>(kafka.ProducerConfig()).Build();
        var message = new Message<string, byte[]> { Key = key, Value = value, Headers = [] };
        foreach (var (name, text) in headers) message.Headers.Add(name, System.Text.Encoding.UTF8.GetBytes(text));
        return await producer.ProduceAsync(topic, message);
    }

    /// <summary>Produces raw bytes: a key or value may be null, a header may be no text at all.</summary>
    public async Task<DeliveryResult<byte[]?, byte[]?>> ProduceRawAsync(string topic, int partition, byte[]? key, byte[]? value, params (string Key, byte[]? Value)[] headers)
    {
        using var producer = new ProducerBuilder<byte[]?, byte[]?>(kafka.ProducerConfig()).Build();
        var message = new Message<byte[]?, byte[]?> { Key = key, Value = value, Headers = [], Timestamp = new Timestamp(new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc)) };
        foreach (var (name, bytes) in headers) message.Headers.Add(name, bytes);
        return await producer.ProduceAsync(new TopicPartition(topic, partition), message);
    }

    /// <summary>Appends every record of <paramref name="topic"/> to it again, key, value and headers unchanged: each consumer sees each event twice.</summary>
    public async Task<int> ReplayAsync(string topic)
    {
        var records = ReadAll(topic);
        using var producer = new ProducerBuilder<byte[], byte[]>(kafka.ProducerConfig()).Build();
        await Task.WhenAll(records.Select(r => producer.ProduceAsync(r.TopicPartition, new Message<byte[], byte[]>
        {
            Key = r.Message.Key, Value = r.Message.Value, Headers = r.Message.Headers,
        })));
        return records.Count;
    }

    /// <summary>The last header of that name as text, or null.</summary>
    public static string? Header(ConsumeResult<byte[], byte[]> record, string name) => TopicReader.Header(record, name);

    private static Dictionary<TopicPartition, long> HighWatermarks(IConsumer<byte[], byte[]> consumer, string topic) =>
        Enumerable.Range(0, Contracts.Topics.Partitions)
            .Select(p => new TopicPartition(topic, p))
            .ToDictionary(tp => tp, tp => consumer.QueryWatermarkOffsets(tp, Timeout).High.Value);
}
