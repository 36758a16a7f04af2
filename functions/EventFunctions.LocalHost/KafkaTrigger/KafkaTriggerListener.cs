using Confluent.Kafka;
using EventFunctions.Functions;
using EventFunctions.Messaging;
using EventFunctions.Triggers;

namespace EventFunctions.LocalHost.KafkaTrigger;

/// <summary>
/// Emulates the Azure Functions Kafka trigger for one function: its own consumer group, batches of up to
/// <c>maxBatchSize</c>, offsets stored only after the batch returned (and committed in the background every 200 ms,
/// so a crash redelivers), a failed batch redelivered in place, skipped only where the extension would skip it
/// (<c>commitOnFailure: true</c>, or <c>maxRetries</c> exceeded; the pipeline's host.json sets false and -1). What to do
/// with a batch, and when to give up on a record into the dead-letter topic, is the shared <see cref="TriggerBatchHandler"/>'s.
/// </summary>
public sealed class KafkaTriggerListener(
    IEventFunction function,
    ConsumerConfig consumerConfig,
    KafkaTriggerOptions options,
    TriggerBatchHandler batches,
    TriggerHealth health,
    ILogger<KafkaTriggerListener> logger) : BackgroundService
{
    private readonly FirstDeliveries firstDeliveries = new();

    private string Name => function.Name;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // librdkafka's Consume blocks: give each consumer a thread of its own.
        return Task.Factory.StartNew(() => ConsumeAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(consumerConfig)
            .SetPartitionsAssignedHandler((c, partitions) => Assigned(c, partitions))
            .SetPartitionsRevokedHandler((c, partitions) =>
            {
                // Before the partitions go: their next owner then starts where this member finished, not where the last
                // background commit happened to land (commits fail while a rebalance is in progress).
                CommitFinished(c, "revoked");
                Revoked(partitions.Select(p => p.TopicPartition).ToList());
            })
            .SetPartitionsLostHandler((_, partitions) => Revoked(partitions.Select(p => p.TopicPartition).ToList()))
            .SetErrorHandler((_, error) => logger.Log(error.IsFatal ? LogLevel.Critical : LogLevel.Debug, "{Function}: {Error}", Name, error))
            .Build();
        consumer.Subscribe(function.Topics);
        logger.LogInformation("{Function} listening to {Topics} as group {Group}", Name, string.Join(", ", function.Topics), consumerConfig.GroupId);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var batch = NextBatch(consumer, stoppingToken);
                if (batch.Count == 0) continue;
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                // Only functions with an inbox look for processed events, so only they gain from knowing first deliveries.
                var delivery = function.UsesInbox ? firstDeliveries.Of(batch) : Delivery.MaybeRepeated;
                await DeliverAsync(batch.Select(ToIncoming).ToList(), delivery, stoppingToken);
                logger.LogDebug("{Function}: batch of {Count} in {Milliseconds:F0} ms", Name, batch.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                StoreOffsets(consumer, batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await firstDeliveries.Pending;
            CommitFinished(consumer, "stopping");
            consumer.Close();
        }
    }

    private List<ConsumeResult<byte[]?, byte[]?>> NextBatch(IConsumer<byte[]?, byte[]?> consumer, CancellationToken stoppingToken)
    {
        var batch = new List<ConsumeResult<byte[]?, byte[]?>>();
        var first = consumer.Consume(TimeSpan.FromSeconds(options.SubscriberIntervalInSeconds));
        stoppingToken.ThrowIfCancellationRequested();
        if (first is null) return batch;
        batch.Add(first);
        // Take what has already been fetched, up to the batch size, without waiting for more.
        while (batch.Count < options.MaxBatchSize && consumer.Consume(TimeSpan.Zero) is { } next) batch.Add(next);
        return batch;
    }

    /// <summary>Returns once the batch succeeded, or once the extension's settings would skip it: either way its offsets are stored next.</summary>
    private async Task DeliverAsync(IReadOnlyList<IncomingRecord> batch, Delivery delivery, CancellationToken stoppingToken)
    {
        for (var failures = 1; ; failures++)
        {
            try
            {
                await batches.HandleAsync(Name, batch, delivery, stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                if (options.CommitOnFailure || (options.MaxRetries >= 0 && failures > options.MaxRetries))
                {
                    logger.LogError(e, "{Function}: skipping a failed batch of {Count}, as the Functions host would with commitOnFailure {CommitOnFailure} and maxRetries {MaxRetries}",
                        Name, batch.Count, options.CommitOnFailure, options.MaxRetries);
                    return;
                }
            }
        }
    }

    private void Assigned(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        if (function.UsesInbox) firstDeliveries.Assigned(consumer, partitions);
        health.Assigned(Name, partitions);
    }

    private void Revoked(IReadOnlyList<TopicPartition> partitions)
    {
        firstDeliveries.Forget(partitions);
        health.Revoked(Name, partitions);
    }

    /// <summary>Commits the offsets of every batch that has returned, now rather than at the next background commit.</summary>
    private void CommitFinished(IConsumer<byte[]?, byte[]?> consumer, string why)
    {
        if (!options.CommitOnRevoke) return;
        try
        {
            consumer.Commit();
        }
        catch (KafkaException e)
        {
            // Nothing stored since the last commit, or the group moved on already: the next owner redelivers, harmlessly.
            logger.LogDebug("{Function}: no commit on {Why}: {Reason}", Name, why, e.Error.Reason);
        }
    }

    private void StoreOffsets(IConsumer<byte[]?, byte[]?> consumer, List<ConsumeResult<byte[]?, byte[]?>> batch)
    {
        foreach (var last in batch.GroupBy(r => r.TopicPartition).Select(p => p.MaxBy(r => r.Offset.Value)!))
        {
            try
            {
                consumer.StoreOffset(last);
            }
            catch (KafkaException e)
            {
                // The partition moved to another member during the batch: it will redeliver, and that is harmless.
                logger.LogDebug("{Function}: offset of {Partition} not stored: {Reason}", Name, last.TopicPartition, e.Error.Reason);
            }
        }
    }

    private static IncomingRecord ToIncoming(ConsumeResult<byte[]?, byte[]?> result) => new(
        result.Topic,
        result.Partition.Value,
        result.Offset.Value,
        result.Message.Key,
        result.Message.Value,
        result.Message.Headers?.Select(h => new RecordHeader(h.Key, h.GetValueBytes())).ToList() ?? []);
}
