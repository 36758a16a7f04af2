using Confluent.Kafka;

namespace EventFunctions.EmbeddedKafka.Tests;

/// <summary>Faults injected into the cluster, and what clients make of them.</summary>
public sealed class FaultInjectionTests : IDisposable
{
    private const int Partitions = 8;

    private readonly EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.Start(3);

    public void Dispose() => cluster.Dispose();

    [Fact]
    public async Task A_pushed_error_fails_the_next_request_of_its_type()
    {
        const string topic = "audit";
        cluster.CreateTopic(topic, 1, replicationFactor: 1);
        using var producer = KafkaClients.BuildProducer(new ProducerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            MessageSendMaxRetries = 0, // so the injected error reaches the application
        });

        cluster.PushRequestErrors(KafkaApiKeys.Produce, ErrorCode.InvalidRecord);
        var failed = await Assert.ThrowsAsync<ProduceException<string, string>>(() =>
            producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "rejected" }));
        var delivered = await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = "accepted" });

        Assert.Equal(ErrorCode.InvalidRecord, failed.Error.Code);
        Assert.Equal(PersistenceStatus.Persisted, delivered.Status);
    }

    [Fact]
    public async Task An_idempotent_producer_delivers_exactly_once_through_produce_errors()
    {
        const string topic = "payments";
        const int count = 100;
        cluster.CreateTopic(topic, Partitions, replicationFactor: 3);
        cluster.PushRequestErrors(KafkaApiKeys.Produce,
            ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut,
            ErrorCode.NotLeaderForPartition, ErrorCode.RequestTimedOut);

        using (var producer = KafkaClients.BuildProducer(KafkaClients.IdempotentProducer(cluster)))
        {
            var deliveries = Enumerable.Range(0, count)
                .Select(i => producer.ProduceAsync(topic, new Message<string, string> { Key = $"k{i}", Value = $"v{i}" }));
            var results = await Task.WhenAll(deliveries).WaitAsync(TimeSpan.FromSeconds(20));
            Assert.All(results, result => Assert.Equal(PersistenceStatus.Persisted, result.Status));
        }

        var records = await KafkaClients.ReadAllAsync(cluster, topic, Partitions, TimeSpan.FromSeconds(15));

        Assert.Equal(count, records.Count);
        Assert.Equal(
            Enumerable.Range(0, count).Select(i => $"v{i}").Order(),
            records.Select(r => r.Message.Value).Order());
    }

    [Fact]
    public async Task Records_produced_while_a_broker_is_down_are_delivered_once_it_is_up()
    {
        const string topic = "stock";
        const int brokerId = 2;
        cluster.CreateTopic(topic, Partitions, replicationFactor: 3);
        cluster.SetPartitionLeader(topic, 0, brokerId);

        var config = KafkaClients.IdempotentProducer(cluster);
        using var producer = KafkaClients.BuildProducer(config);
        // Fails fast: its timeout shows that the broker is really unreachable while it is down.
        using var probe = KafkaClients.BuildProducer(new ProducerConfig(config) { MessageTimeoutMs = 1000, EnableIdempotence = false });
        var partition = new TopicPartition(topic, 0);
        await producer.ProduceAsync(partition, new Message<string, string> { Key = "warm-up", Value = "0" });
        await probe.ProduceAsync(partition, new Message<string, string> { Key = "warm-up", Value = "0" });

        cluster.SetBrokerDown(brokerId);
        Task<DeliveryResult<string, string>[]> pending;
        try
        {
            pending = Task.WhenAll(Enumerable.Range(1, 10).Select(i =>
                producer.ProduceAsync(partition, new Message<string, string> { Key = $"k{i}", Value = $"{i}" })));

            var timedOut = await Assert.ThrowsAsync<ProduceException<string, string>>(() =>
                probe.ProduceAsync(partition, new Message<string, string> { Key = "probe", Value = "lost" }));
            Assert.Equal(ErrorCode.Local_MsgTimedOut, timedOut.Error.Code);
            Assert.False(pending.IsCompleted);
        }
        finally
        {
            cluster.SetBrokerUp(brokerId);
        }

        var results = await pending.WaitAsync(TimeSpan.FromSeconds(15));
        Assert.All(results, result => Assert.Equal(PersistenceStatus.Persisted, result.Status));
        var records = await KafkaClients.ReadAllAsync(cluster, topic, Partitions, TimeSpan.FromSeconds(15));
        Assert.Equal(12, records.Count); // the two warm-ups and the ten; the probe's record never arrived
    }

    [Fact]
    public async Task A_round_trip_time_slows_every_request_of_the_broker()
    {
        const string topic = "slow";
        cluster.CreateTopic(topic, 1, replicationFactor: 1);
        cluster.SetPartitionLeader(topic, 0, 1);
        using var producer = KafkaClients.BuildProducer(KafkaClients.IdempotentProducer(cluster));
        var partition = new TopicPartition(topic, 0);
        await producer.ProduceAsync(partition, new Message<string, string> { Key = "warm-up", Value = "0" });

        cluster.SetBrokerRoundTripTime(1, TimeSpan.FromMilliseconds(300));
        var started = System.Diagnostics.Stopwatch.StartNew();
        await producer.ProduceAsync(partition, new Message<string, string> { Key = "k", Value = "v" });

        Assert.True(started.Elapsed >= TimeSpan.FromMilliseconds(250), $"took {started.Elapsed}");
    }
}
