using Confluent.Kafka;
using Confluent.Kafka.Admin;

namespace EventFunctions.EmbeddedKafka.Tests;

/// <summary>Real clients against the cluster: produce, consume in a KIP-848 group, describe.</summary>
public sealed class RoundTripTests : IDisposable
{
    private const string Topic = "orders";
    private const int Partitions = 8;

    private readonly EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.Start(3);

    public RoundTripTests() => cluster.CreateTopic(Topic, Partitions, replicationFactor: 3);

    public void Dispose() => cluster.Dispose();

    [Fact]
    public async Task Keyed_records_with_headers_come_back_intact_through_a_consumer_group()
    {
        const int count = 40;
        using (var producer = KafkaClients.BuildProducer(KafkaClients.IdempotentProducer(cluster)))
        {
            var deliveries = Enumerable.Range(0, count).Select(i => producer.ProduceAsync(Topic, new Message<string, string>
            {
                Key = $"order-{i}",
                Value = $"{{\"orderId\":\"order-{i}\"}}",
                Headers = new Headers
                {
                    { "ce_id", System.Text.Encoding.UTF8.GetBytes($"id-{i}") },
                    { "ce_type", "com.example.order.placed"u8.ToArray() },
                },
            }));
            var results = await Task.WhenAll(deliveries).WaitAsync(TimeSpan.FromSeconds(15));
            Assert.All(results, result => Assert.Equal(PersistenceStatus.Persisted, result.Status));
            Assert.True(results.Select(r => r.Partition.Value).Distinct().Count() > 1, "keys should spread over partitions");
        }

        using var consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "round-trip",
            GroupProtocol = GroupProtocol.Consumer,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).Build();
        consumer.Subscribe(Topic);

        var received = await Task.Run(() =>
        {
            var records = new Dictionary<string, ConsumeResult<string, string>>();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while (records.Count < count)
            {
                var result = consumer.Consume(deadline.Token);
                records[result.Message.Key] = result;
            }
            return records;
        });
        consumer.Close();

        for (var i = 0; i < count; i++)
        {
            var message = received[$"order-{i}"].Message;
            Assert.Equal($"{{\"orderId\":\"order-{i}\"}}", message.Value);
            Assert.Equal(2, message.Headers.Count);
            Assert.Equal($"id-{i}", message.Headers[0].Text());
            Assert.Equal("ce_id", message.Headers[0].Key);
            Assert.Equal("ce_type", message.Headers[1].Key);
            Assert.Equal("com.example.order.placed", message.Headers[1].Text());
        }
    }

    [Fact]
    public async Task The_admin_client_describes_the_created_topic()
    {
        using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();

        var description = await admin.DescribeTopicsAsync(
            TopicCollection.OfTopicNames([Topic]),
            new DescribeTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(10) });
        var metadata = admin.GetMetadata(Topic, TimeSpan.FromSeconds(10));

        var topic = Assert.Single(description.TopicDescriptions);
        Assert.Equal(Topic, topic.Name);
        Assert.Equal(Partitions, topic.Partitions.Count);
        Assert.All(topic.Partitions, partition => Assert.Equal(3, partition.Replicas.Count));
        Assert.Equal(3, metadata.Brokers.Count);
        Assert.Equal(Partitions, Assert.Single(metadata.Topics).Partitions.Count);
    }
}
