using Confluent.Kafka;
using EventFunctions.EmbeddedKafka;
using EventFunctions.LocalHost.KafkaTrigger;
using EventFunctions.Processing;

namespace EventFunctions.IntegrationTests.Trigger;

/// <summary>Which batches the local trigger may run without looking for processed events, on a real consumer.</summary>
[Trait("Category", "Integration")]
public sealed class FirstDeliveriesTests : IDisposable
{
    private const string Topic = "first-deliveries";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.Start(brokerCount: 1);
    private readonly FirstDeliveries deliveries = new();
    private readonly IProducer<string, string> producer;
    private readonly IConsumer<string, string> consumer;

    public FirstDeliveriesTests()
    {
        cluster.CreateTopic(Topic, partitions: 1, replicationFactor: 1);
        producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "first-deliveries",
            GroupProtocol = GroupProtocol.Consumer,
            AutoOffsetReset = AutoOffsetReset.Earliest,
        }).SetPartitionsAssignedHandler((c, partitions) => deliveries.Assigned(c, partitions)).Build();
        consumer.Subscribe(Topic);
    }

    [Fact]
    public async Task Records_written_before_the_assignment_may_be_repeats_and_those_written_after_are_first_deliveries()
    {
        await ProduceAsync(3);
        Assert.Equal(Delivery.MaybeRepeated, deliveries.Of(Consume(3)));
        await deliveries.Pending.WaitAsync(Patience);

        await ProduceAsync(2);
        Assert.Equal(Delivery.First, deliveries.Of(Consume(2)));

        // After losing the partition, whatever comes next may have been handed to the member that had it meanwhile.
        deliveries.Forget([new TopicPartition(Topic, 0)]);
        await ProduceAsync(1);
        Assert.Equal(Delivery.MaybeRepeated, deliveries.Of(Consume(1)));
    }

    private async Task ProduceAsync(int count)
    {
        for (var i = 0; i < count; i++)
            await producer.ProduceAsync(Topic, new Message<string, string> { Key = "k", Value = $"v{i}" });
    }

    private List<ConsumeResult<string, string>> Consume(int count)
    {
        var batch = new List<ConsumeResult<string, string>>();
        var deadline = DateTime.UtcNow + Patience;
        while (batch.Count < count && DateTime.UtcNow < deadline)
            if (consumer.Consume(TimeSpan.FromMilliseconds(200)) is { } record) batch.Add(record);
        Assert.Equal(count, batch.Count);
        return batch;
    }

    public void Dispose()
    {
        deliveries.Pending.Wait(Patience);
        consumer.Close();
        consumer.Dispose();
        producer.Dispose();
        cluster.Dispose();
    }
}
