using Confluent.Kafka;
using EventFunctions.FunctionsApp.Tests.Metadata;
using EventFunctions.Messaging;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.FunctionsApp.Tests.Infrastructure;

/// <summary>Real records on the embedded cluster, and the <see cref="KafkaRecord"/> batches the Functions host would make of them.</summary>
public sealed class RecordsOnKafka(KafkaConnection kafka)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(15);

    public Task<DeliveryResult<byte[], byte[]>> ProduceAsync(string topic, byte[] key, byte[] value, params (string Key, byte[] Value)[] headers) =>
        ProduceAsync(topic, key, value, Timestamp.Default, headers);

    /// <summary>Produces a record; <paramref name="timestamp"/> is its time, or <see cref="Timestamp.Default"/> for the producer's clock.</summary>
    public async Task<DeliveryResult<byte[], byte[]>> ProduceAsync(string topic, byte[] key, byte[] value, Timestamp timestamp, params (string Key, byte[] Value)[] headers)
    {
        using var producer = new ProducerBuilder<byte[], byte[]>(kafka.ProducerConfig()).Build();
        var message = new Message<byte[], byte[]> { Key = key, Value = value, Headers = [], Timestamp = timestamp };
        foreach (var (name, bytes) in headers) message.Headers.Add(name, bytes);
        return await producer.ProduceAsync(topic, message);
    }

    /// <summary>
    /// Fetches the produced records back as the Functions host would hand them to a trigger: keys read as the
    /// triggers' generated metadata declares (<see cref="HostKafkaTrigger.KeyAsDelivered"/>), then field by field, as
    /// the extension's KafkaRecordConverter makes a <see cref="KafkaRecord"/>.
    /// </summary>
    public KafkaRecord[] Fetch(params DeliveryResult<byte[], byte[]>[] produced)
    {
        using var consumer = new ConsumerBuilder<byte[], byte[]>(kafka.ConsumerConfig("fetch-" + Guid.NewGuid().ToString("N"))).Build();
        var wanted = produced.Select(d => d.TopicPartitionOffset).ToHashSet();
        consumer.Assign(wanted.GroupBy(p => p.TopicPartition).Select(p => new TopicPartitionOffset(p.Key, p.Min(o => o.Offset.Value))));
        var records = new Dictionary<TopicPartitionOffset, KafkaRecord>();
        while (records.Count < wanted.Count)
        {
            var result = consumer.Consume(Timeout) ?? throw new TimeoutException("The produced records did not come back.");
            if (wanted.Contains(result.TopicPartitionOffset)) records[result.TopicPartitionOffset] = ToKafkaRecord(result);
        }
        return produced.Select(d => records[d.TopicPartitionOffset]).ToArray();
    }

    /// <summary>Every record of a topic, read to the end as it is now: the triggers return only once Kafka has acknowledged what they publish.</summary>
    public IReadOnlyList<ConsumeResult<byte[], byte[]>> ReadAll(string topic) => new TopicReader(kafka).ReadAll<byte[], byte[]>(topic);

    private static readonly Lazy<string?> DeclaredKeyDataType = new(() =>
    {
        var declared = MetadataSources.Read(MetadataSources.MetadataFile).SelectMany(f => f.Bindings)
            .Where(b => b.Value("type") == "kafkaTrigger").Select(b => b.Value("keyDataType")).Distinct().ToList();
        return declared.Count == 1 ? declared[0] : throw new InvalidOperationException(
            $"The Kafka triggers declare different key data types ({string.Join(", ", declared.Select(d => d ?? "none"))}); the adapter tests assume one.");
    });

    private static KafkaRecord ToKafkaRecord(ConsumeResult<byte[], byte[]> result) => new()
    {
        Topic = result.Topic,
        Partition = result.Partition.Value,
        Offset = result.Offset.Value,
        Key = HostKafkaTrigger.KeyAsDelivered(result.Message.Key, DeclaredKeyDataType.Value),
        Value = result.Message.Value,
        // As the host extension 4.3.2 serializes it: the time, and the type NotAvailable whatever the record's was.
        Timestamp = new KafkaTimestamp { UnixTimestampMs = result.Message.Timestamp.UnixTimestampMs, Type = KafkaTimestampType.NotAvailable },
        Headers = result.Message.Headers.Select(h => new KafkaHeader { Key = h.Key, Value = h.GetValueBytes() }).ToArray(),
    };
}
