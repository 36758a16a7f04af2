using Confluent.Kafka;
using EventFunctions.Messaging;
using EventFunctions.Processing;
using EventFunctions.Processing.Retries;
using Microsoft.Extensions.Logging;

namespace EventFunctions.ReadSide.Rebuild;

/// <summary>
/// Reads a read model's topics from the earliest offsets into the version being built, as a member of the build's own
/// consumer group, on the shared <see cref="KafkaBatchConsumer"/>: every instance runs one while the build lasts, and the
/// group shares the partitions among them. Each batch goes through the same <see cref="TriggerBatchHandler"/> policy as
/// the live triggers (a transient fault is waited out, a bad record settled), and its offsets are committed as soon as
/// it succeeds (<see cref="OffsetCommit.EachBatch"/>): they are the build's progress, which any instance reads from the brokers.
/// </summary>
public sealed class RebuildConsumer(
    RebuildingProjection projection, ConsumerConfig config, int maxBatchSize, TriggerBatchHandler batches, ILogger logger) : IKafkaBatchHandler, IAsyncDisposable
{
    private readonly CancellationTokenSource stopping = new();
    private Task? running;

    public string Group => projection.Name;

    public void Start()
    {
        logger.LogInformation("{Group} building {Table} from {Topics}", Group, projection.HomeTable, string.Join(", ", projection.Topics));
        running = new KafkaBatchConsumer(new KafkaBatchConsumerSettings(Group, config, projection.Topics)
        {
            MaxBatchSize = maxBatchSize,
            Commit = OffsetCommit.EachBatch,
        }, this, logger).RunAsync(stopping.Token);
    }

    /// <summary>Every batch counts as maybe repeated: a projection keeps no inbox, so knowing a first delivery would save nothing.</summary>
    public Task HandleAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> batch, bool again, CancellationToken cancellationToken) =>
        batches.HandleAsync(Group, batch.Select(IncomingRecord.From).ToList(), Delivery.MaybeRepeated, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (running is not null) await running;
        stopping.Dispose();
    }
}
