using Confluent.Kafka;
using EventFunctions.Messaging;
using EventFunctions.Processing;
using EventFunctions.Processing.Retries;
using Microsoft.Extensions.Logging;

namespace EventFunctions.ReadSide.Rebuild;

/// <summary>
/// Reads a read model's topics from the earliest offsets into the version being built, as a member of the build's own
/// consumer group: every instance runs one while the build lasts, and the group shares the partitions among them. Each
/// batch goes through the same <see cref="TriggerBatchHandler"/> policy as the live triggers (a transient fault is
/// waited out, a bad record settled), and its offsets are committed as soon as it succeeds: they are the build's
/// progress, which any instance reads from the brokers. A batch that must be redelivered is read again from its first offsets.
/// </summary>
public sealed class RebuildConsumer(
    RebuildingProjection projection, ConsumerConfig config, int maxBatchSize, TriggerBatchHandler batches, ILogger logger) : IAsyncDisposable
{
    private static readonly TimeSpan PollTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);

    private readonly CancellationTokenSource stopping = new();
    private Task? running;

    public string Group => projection.Name;

    public void Start() =>
        // librdkafka's Consume blocks: the consumer gets a thread of its own.
        running = Task.Factory.StartNew(Supervise, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Supervise()
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                Consume(stopping.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                logger.LogError(e, "{Group}: its consumer failed; starting a new one", Group);
                stopping.Token.WaitHandle.WaitOne(RestartDelay);
            }
        }
    }

    private void Consume(CancellationToken cancellationToken)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(config)
            .SetErrorHandler((_, error) => logger.Log(error.IsFatal ? LogLevel.Critical : LogLevel.Debug, "{Group}: {Error}", Group, error))
            .Build();
        consumer.Subscribe(projection.Topics);
        logger.LogInformation("{Group} building {Table} from {Topics}", Group, projection.HomeTable, string.Join(", ", projection.Topics));
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var batch = NextBatch(consumer);
                if (batch.Count == 0) continue;
                try
                {
                    batches.HandleAsync(Group, batch.Select(IncomingRecord.From).ToList(), Delivery.MaybeRepeated, cancellationToken).GetAwaiter().GetResult();
                }
                catch (Exception e) when (!cancellationToken.IsCancellationRequested)
                {
                    // The handler has waited already: read the batch again.
                    logger.LogDebug("{Group}: a batch of {Count} is read again: {Reason}", Group, batch.Count, e.Message);
                    foreach (var first in batch.GroupBy(r => r.TopicPartition).Select(p => p.MinBy(r => r.Offset.Value)!))
                        consumer.Seek(first.TopicPartitionOffset);
                    continue;
                }
                Commit(consumer, batch);
            }
        }
        finally
        {
            consumer.Close();
        }
    }

    private List<ConsumeResult<byte[]?, byte[]?>> NextBatch(IConsumer<byte[]?, byte[]?> consumer)
    {
        var batch = new List<ConsumeResult<byte[]?, byte[]?>>();
        if (Poll(consumer, PollTimeout) is not { } first) return batch;
        batch.Add(first);
        while (batch.Count < maxBatchSize && Poll(consumer, TimeSpan.Zero) is { } next) batch.Add(next);
        return batch;
    }

    private ConsumeResult<byte[]?, byte[]?>? Poll(IConsumer<byte[]?, byte[]?> consumer, TimeSpan timeout)
    {
        try
        {
            return consumer.Consume(timeout);
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            logger.LogWarning("{Group}: consumer error {Code}: {Reason}", Group, e.Error.Code, e.Error.Reason);
            return null;
        }
    }

    private void Commit(IConsumer<byte[]?, byte[]?> consumer, List<ConsumeResult<byte[]?, byte[]?>> batch)
    {
        try
        {
            consumer.Commit(batch.GroupBy(r => r.TopicPartition).Select(p => new TopicPartitionOffset(p.Key, p.Max(r => r.Offset.Value) + 1)));
        }
        catch (KafkaException e)
        {
            // The partitions moved to another member meanwhile: it reads them again from the last commit, harmlessly.
            logger.LogDebug("{Group}: commit failed: {Reason}", Group, e.Error.Reason);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        if (running is not null) await running;
        stopping.Dispose();
    }
}
