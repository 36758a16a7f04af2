using Confluent.Kafka;

namespace EventFunctions.EmbeddedKafka.Tests;

/// <summary>Client settings the tests share, and reading a topic back to its end.</summary>
internal static class KafkaClients
{
    public static ProducerConfig IdempotentProducer(EmbeddedKafkaCluster cluster) => new()
    {
        BootstrapServers = cluster.BootstrapServers,
        Acks = Acks.All,
        EnableIdempotence = true,
        Partitioner = Partitioner.Murmur2Random,
        // Each fetch returns one batch per partition: a little linger keeps batches, and consumers, fast.
        LingerMs = 5,
        // Keep recovery from injected faults within the tests' time budget.
        ReconnectBackoffMs = 50,
        ReconnectBackoffMaxMs = 500,
        RetryBackoffMs = 50,
    };

    public static IProducer<string, string> BuildProducer(ProducerConfig config) =>
        new ProducerBuilder<string, string>(config).Build();

    /// <summary>
    /// Every record of every partition, read by assignment (no group, so no rebalance to wait for) up to the
    /// end offsets the partitions have now.
    /// </summary>
    public static async Task<List<ConsumeResult<string, string>>> ReadAllAsync(
        EmbeddedKafkaCluster cluster, string topic, int partitions, TimeSpan timeout)
    {
        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "reader-" + Guid.NewGuid().ToString("N"),
            EnableAutoCommit = false,
            EnablePartitionEof = true,
        }).Build();

        var assignment = Enumerable.Range(0, partitions)
            .Select(p => new TopicPartitionOffset(topic, p, Offset.Beginning))
            .ToList();
        consumer.Assign(assignment);

        // Polled on its own thread: Consume blocks.
        return await Task.Run(() =>
        {
            var records = new List<ConsumeResult<string, string>>();
            var atEnd = new HashSet<int>();
            using var deadline = new CancellationTokenSource(timeout);
            while (atEnd.Count < partitions)
            {
                var result = consumer.Consume(deadline.Token);
                if (result.IsPartitionEOF)
                    atEnd.Add(result.Partition.Value);
                else
                    records.Add(result);
            }
            return records;
        });
    }

    public static string Text(this IHeader header) => System.Text.Encoding.UTF8.GetString(header.GetValueBytes());
}
