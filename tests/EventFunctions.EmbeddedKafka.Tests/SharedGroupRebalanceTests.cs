using System.Collections.Concurrent;
using System.Diagnostics;
using Confluent.Kafka;
using Xunit.Abstractions;

namespace EventFunctions.EmbeddedKafka.Tests;

/// <summary>
/// Why each projection trigger has a consumer group of its own (docs/consumer-groups.md): with the classic protocol
/// and the eager assignors the Functions Kafka extension uses (librdkafka's defaults), a member that joins a group
/// for one topic takes every member's partitions away, those of other topics included, until the group has settled.
/// </summary>
public sealed class SharedGroupRebalanceTests(ITestOutputHelper output) : IDisposable
{
    private const int Partitions = 4;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly EmbeddedKafkaCluster cluster = StartWithTopics("orders.placed", "stock.reserved");

    public void Dispose() => cluster.Dispose();

    [Fact]
    public async Task In_a_group_shared_by_two_topics_a_member_joining_for_one_stops_the_member_reading_the_other()
    {
        using var stock = Member.Join(cluster, "projection", "stock.reserved");
        await stock.WaitUntilHoldingAsync(Partitions, Patience);

        using var placed = Member.Join(cluster, "projection", "orders.placed");
        await placed.WaitUntilHoldingAsync(Partitions, Patience);
        await stock.WaitUntilHoldingAsync(Partitions, Patience);

        Assert.True(stock.Revocations > 0, "the member of the other topic kept its partitions");
        output.WriteLine($"stock.reserved held nothing for {stock.TimeWithoutPartitions.TotalSeconds:F1} s while a member joined for orders.placed");
    }

    [Fact]
    public async Task In_groups_of_their_own_a_member_joining_for_one_topic_leaves_the_other_topics_member_alone()
    {
        using var stock = Member.Join(cluster, "projection.stock.reserved", "stock.reserved");
        await stock.WaitUntilHoldingAsync(Partitions, Patience);

        using var placed = Member.Join(cluster, "projection.orders.placed", "orders.placed");
        await placed.WaitUntilHoldingAsync(Partitions, Patience);

        Assert.Equal(0, stock.Revocations);
        Assert.Equal(Partitions, stock.Held);
    }

    private static EmbeddedKafkaCluster StartWithTopics(params string[] topics)
    {
        var cluster = EmbeddedKafkaCluster.Start(1);
        foreach (var topic in topics) cluster.CreateTopic(topic, Partitions, replicationFactor: 1);
        return cluster;
    }

    /// <summary>One consumer of a classic group, polling on a thread of its own, as each trigger's consumer does.</summary>
    private sealed class Member : IDisposable
    {
        private readonly IConsumer<byte[], byte[]> consumer;
        private readonly CancellationTokenSource stop = new();
        private readonly Thread poller;
        private readonly ConcurrentDictionary<TopicPartition, bool> held = new();
        private readonly Stopwatch withoutPartitions = new();
        private TaskCompletionSource changed = NewSignal();
        private int revocations;

        private Member(EmbeddedKafkaCluster cluster, string group, string topic)
        {
            consumer = new ConsumerBuilder<byte[], byte[]>(new ConsumerConfig
            {
                BootstrapServers = cluster.BootstrapServers,
                GroupId = group,
                // The Functions Kafka extension sets neither: the classic protocol, range and roundrobin (eager).
                GroupProtocol = GroupProtocol.Classic,
                // On the embedded cluster a classic join waits out the session timeout; 6 s keeps it in seconds.
                SessionTimeoutMs = 6000,
            })
                .SetPartitionsAssignedHandler((_, partitions) =>
                {
                    foreach (var partition in partitions) held[partition] = true;
                    if (!held.IsEmpty) withoutPartitions.Stop();
                    Changed();
                })
                .SetPartitionsRevokedHandler((_, revoked) =>
                {
                    if (revoked.Count == 0) return;
                    Interlocked.Increment(ref revocations);
                    foreach (var partition in revoked) held.TryRemove(partition.TopicPartition, out var _);
                    if (held.IsEmpty) withoutPartitions.Start();
                    Changed();
                })
                .Build();
            consumer.Subscribe(topic);
            poller = new Thread(Poll) { IsBackground = true };
            poller.Start();
        }

        public static Member Join(EmbeddedKafkaCluster cluster, string group, string topic) => new(cluster, group, topic);

        public int Held => held.Count;

        public int Revocations => Volatile.Read(ref revocations);

        public TimeSpan TimeWithoutPartitions => withoutPartitions.Elapsed;

        /// <summary>Waits for the assignment to change until the member holds <paramref name="partitions"/>, or throws at <paramref name="timeout"/>.</summary>
        public async Task WaitUntilHoldingAsync(int partitions, TimeSpan timeout)
        {
            using var deadline = new CancellationTokenSource(timeout);
            while (true)
            {
                var next = Volatile.Read(ref changed).Task;
                if (held.Count == partitions) return;
                try
                {
                    await next.WaitAsync(deadline.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException($"The member did not come to hold {partitions} partitions within {timeout} (it holds {held.Count}).");
                }
            }
        }

        private void Changed() => Interlocked.Exchange(ref changed, NewSignal()).TrySetResult();

        private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

        private void Poll()
        {
            try
            {
                while (!stop.IsCancellationRequested) consumer.Consume(stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }

        public void Dispose()
        {
            stop.Cancel();
            poller.Join();
            consumer.Close();
            consumer.Dispose();
        }
    }
}
