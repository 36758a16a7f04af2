using Confluent.Kafka;
using EventFunctions.EmbeddedKafka;
using EventFunctions.Messaging;

namespace EventFunctions.IntegrationTests.Trigger;

/// <summary>
/// A trigger that waits out a fault longer than <c>max.poll.interval.ms</c> loses its partitions while they are paused,
/// and gets them back still paused: librdkafka keeps the flag. The trigger must resume them, or it falls silent for good
/// (the storage-outage fault test caught it: every order after the outage stuck before payment).
/// </summary>
[Trait("Category", "Integration")]
public sealed class PausedPartitionsTests : IDisposable
{
    private const string Topic = "paused-partitions";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private const int MaxPollIntervalMs = 1500;

    private readonly EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.Start(brokerCount: 1);
    private readonly IProducer<string, string> producer;
    private readonly IConsumer<string, string> consumer;
    private volatile bool lost;

    public PausedPartitionsTests()
    {
        cluster.CreateTopic(Topic, partitions: 2, replicationFactor: 1);
        producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        consumer = new ConsumerBuilder<string, string>(new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = "paused-partitions",
            GroupProtocol = GroupProtocol.Consumer,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            MaxPollIntervalMs = MaxPollIntervalMs,
        }).SetPartitionsLostHandler((_, _) => lost = true).Build();
        consumer.Subscribe(Topic);
    }

    [Fact]
    public async Task Partitions_lost_and_given_back_while_paused_are_resumed_and_deliver_again()
    {
        await ProduceAsync("before", 1);
        Assert.Single(Consume("before", 1));
        var paused = new PausedPartitions();
        paused.PauseAssignment(consumer);
        Assert.Equal(2, consumer.Assignment.Count);

        // The fault: a batch that holds its consumer past max.poll.interval.ms, so the group takes its partitions.
        Thread.Sleep(MaxPollIntervalMs + 500);
        // Polled as the trigger does between attempts, without waiting. Usually the partitions are seen gone before they
        // come back, which is when resuming the assignment alone resumed nothing (the old trigger); on a loaded machine
        // they may come back within the same poll.
        PollUntil(() => lost, "the group takes the partitions of a consumer that stopped polling");
        paused.ResumeAll(consumer);

        await ProduceAsync("after", 10);
        // The first record may come again too: the partitions start over from the group's committed offsets.
        Assert.Equal(10, Consume("after", 10).Count);
        Assert.False(paused.Any);
    }

    private void PollUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out waiting until {what}.");
            try
            {
                consumer.Consume(TimeSpan.Zero);
            }
            catch (ConsumeException e) when (e.Error.Code == ErrorCode.Local_MaxPollExceeded)
            {
            }
        }
    }

    private async Task ProduceAsync(string prefix, int count)
    {
        for (var i = 0; i < count; i++)
            await producer.ProduceAsync(Topic, new Message<string, string> { Key = $"{prefix}-{i}", Value = $"{prefix}-{i}" });
    }

    /// <summary>The records whose value starts with the prefix, once as many as expected have come.</summary>
    private List<ConsumeResult<string, string>> Consume(string prefix, int count)
    {
        var batch = new List<ConsumeResult<string, string>>();
        PollUntilReceived();
        Assert.True(batch.Count >= count, $"{batch.Count} of {count} records delivered within {Patience.TotalSeconds:0} s");
        return batch;

        void PollUntilReceived()
        {
            var deadline = DateTime.UtcNow + Patience;
            while (batch.Count < count && DateTime.UtcNow < deadline)
            {
                try
                {
                    if (consumer.Consume(TimeSpan.FromMilliseconds(100)) is { } record && record.Message.Value.StartsWith(prefix, StringComparison.Ordinal))
                        batch.Add(record);
                }
                catch (ConsumeException e) when (e.Error.Code == ErrorCode.Local_MaxPollExceeded)
                {
                }
            }
        }
    }

    public void Dispose()
    {
        consumer.Close();
        consumer.Dispose();
        producer.Dispose();
        cluster.Dispose();
    }
}
