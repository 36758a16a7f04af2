using System.Collections.Concurrent;
using Confluent.Kafka;
using EventFunctions.EmbeddedKafka;
using EventFunctions.Messaging;
using EventFunctions.TestKit;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventFunctions.IntegrationTests.Trigger;

/// <summary>
/// The batch consumer the local triggers and the rebuilds share, on the embedded cluster: a failed batch comes again in
/// place, marked so, and its offsets reach the group only once it succeeded, or once its handler gave up on it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class KafkaBatchConsumerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly EmbeddedKafkaCluster cluster = EmbeddedKafkaCluster.Start(brokerCount: 1);
    private readonly string topic = "batches-" + TestIds.Run();

    public KafkaBatchConsumerTests() => cluster.CreateTopic(topic, partitions: 1, replicationFactor: 1);

    /// <summary>Fails the first <paramref name="failFirst"/> deliveries; gives up on a batch after <paramref name="giveUpAfter"/> failures.</summary>
    private sealed class Handler(int failFirst, int giveUpAfter = int.MaxValue) : IKafkaBatchHandler
    {
        public ConcurrentQueue<(long[] Offsets, bool Again)> Deliveries { get; } = new();

        public Task HandleAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> batch, bool again, CancellationToken cancellationToken)
        {
            Deliveries.Enqueue((batch.Select(r => r.Offset.Value).ToArray(), again));
            return Deliveries.Count <= failFirst ? Task.FromException(new InvalidOperationException("a fault")) : Task.CompletedTask;
        }

        public bool SkipFailedBatch(int failures, Exception failure) => failures >= giveUpAfter;
    }

    [Theory]
    [InlineData(OffsetCommit.EachBatch)]
    [InlineData(OffsetCommit.Background)]
    public async Task A_failed_batch_comes_again_in_place_marked_so_and_is_committed_once_it_succeeds(OffsetCommit commit)
    {
        await ProduceAsync(5);
        var handler = new Handler(failFirst: 2);

        await RunUntilCommittedAsync(handler, commit, records: 5);

        var deliveries = handler.Deliveries.ToList();
        Assert.Equal([false, true, true], deliveries.Select(d => d.Again));
        Assert.All(deliveries, d => Assert.Equal(deliveries[0].Offsets, d.Offsets));
        Assert.Equal([0L, 1, 2, 3, 4], deliveries[0].Offsets);
    }

    [Fact]
    public async Task A_batch_its_handler_gives_up_on_is_passed_over()
    {
        await ProduceAsync(3);
        var handler = new Handler(failFirst: int.MaxValue, giveUpAfter: 2);

        await RunUntilCommittedAsync(handler, OffsetCommit.Background, records: 3);

        Assert.Equal(2, handler.Deliveries.Count);
    }

    /// <summary>Runs a consumer that takes the <paramref name="records"/> as one batch until its group has committed past them.</summary>
    private async Task RunUntilCommittedAsync(Handler handler, OffsetCommit commit, int records)
    {
        var group = "batches-" + TestIds.Run();
        var config = new ConsumerConfig
        {
            BootstrapServers = cluster.BootstrapServers,
            GroupId = group,
            AutoOffsetReset = AutoOffsetReset.Earliest,
            // Left at librdkafka's defaults (offsets stored as handed out, auto-commit on): the consumer sets both for its mode.
            AutoCommitIntervalMs = 200,
        };
        using var stop = new CancellationTokenSource();
        var running = new KafkaBatchConsumer(new KafkaBatchConsumerSettings("test", config, [topic])
        {
            MaxBatchSize = records,
            WaitForMore = _ => Patience,
            Commit = commit,
        }, handler, NullLogger.Instance)
            .RunAsync(stop.Token);
        try
        {
            using var admin = new AdminClientBuilder(new AdminClientConfig { BootstrapServers = cluster.BootstrapServers }).Build();
            await Eventually.TrueAsync(async () => await CommittedAsync(admin, group) == records, Patience, $"group {group} has committed offset {records}");
        }
        finally
        {
            await stop.CancelAsync();
            await running;
        }
    }

    private async Task<long?> CommittedAsync(IAdminClient admin, string group)
    {
        var offsets = await admin.ListConsumerGroupOffsetsAsync([new ConsumerGroupTopicPartitions(group, [new TopicPartition(topic, 0)])]);
        return offsets.Single().Partitions.Single().Offset is { IsSpecial: false } offset ? offset.Value : null;
    }

    private async Task ProduceAsync(int count)
    {
        using var producer = new ProducerBuilder<string, string>(new ProducerConfig { BootstrapServers = cluster.BootstrapServers }).Build();
        for (var i = 0; i < count; i++) await producer.ProduceAsync(topic, new Message<string, string> { Key = "k", Value = $"record-{i}" });
    }

    public void Dispose() => cluster.Dispose();
}
