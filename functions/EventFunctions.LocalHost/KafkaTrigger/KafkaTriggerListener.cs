using System.Diagnostics;
using Confluent.Kafka;
using EventFunctions.Messaging;
using EventFunctions.Processing;
using EventFunctions.Processing.Retries;

namespace EventFunctions.LocalHost.KafkaTrigger;

/// <summary>
/// Emulates the Azure Functions Kafka trigger of one function on one topic: its trigger's consumer group, batches of up to
/// <c>maxBatchSize</c> (handed over as soon as nothing more is fetched, or, as the extension does, at the end of a
/// <c>subscriberIntervalInSeconds</c> window: <see cref="KafkaTriggerOptions.WaitForBatchWindow"/>), offsets stored only after the batch returned (and committed in the background every 200 ms,
/// so a crash redelivers), a failed batch redelivered in place, skipped only where the extension would skip it
/// (<c>commitOnFailure: true</c>, or <c>maxRetries</c> exceeded; the pipeline's host.json sets false and -1). What to do
/// with a batch, and when to give up on a record, is the shared <see cref="TriggerBatchHandler"/>'s.
/// A batch redelivered in place may wait out a fault for minutes: meanwhile the consumer pauses its partitions and
/// keeps polling, so the group does not expel it for exceeding <c>max.poll.interval.ms</c>.
/// </summary>
public sealed class KafkaTriggerListener(
    IEventFunction function,
    string topic,
    ConsumerConfig consumerConfig,
    KafkaTriggerOptions options,
    TriggerBatchHandler batches,
    PartitionAssignments health,
    ILogger<KafkaTriggerListener> logger) : BackgroundService
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);

    private readonly FirstDeliveries firstDeliveries = new();

    private string Name => function.Name;

    /// <summary>The trigger's consumer group: what the health report names, one entry per trigger.</summary>
    private string Group => consumerConfig.GroupId;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        // librdkafka's Consume blocks: each consumer polls on a thread of its own and waits there for its batches, so
        // that no blocked poll holds a pool thread (on two cores, continuations then queued for up to a second).
        Task.Factory.StartNew(() => Supervise(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>A consumer that fails (a fatal client error, anything unforeseen) is replaced: the trigger never stops while the host runs.</summary>
    private void Supervise(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Consume(stoppingToken);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "{Function}: its consumer failed; starting a new one", Name);
                stoppingToken.WaitHandle.WaitOne(RestartDelay);
            }
        }
    }

    private void Consume(CancellationToken stoppingToken)
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
        consumer.Subscribe(topic);
        logger.LogInformation("{Function} listening to {Topic} as group {Group}", Name, topic, Group);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var batch = NextBatch(consumer, stoppingToken);
                if (batch.Count == 0) continue;
                var started = Stopwatch.GetTimestamp();
                // Only functions with an inbox look for processed events, so only they gain from knowing first deliveries.
                var delivery = function is not IProjection ? firstDeliveries.Of(batch) : Delivery.MaybeRepeated;
                if (DeliverAsync(consumer, batch, delivery, stoppingToken).GetAwaiter().GetResult()) StoreOffsets(consumer, batch);
                logger.LogDebug("{Function}: batch of {Count} in {Milliseconds:F0} ms", Name, batch.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            firstDeliveries.Pending.GetAwaiter().GetResult();
            CommitFinished(consumer, "stopping");
            consumer.Close();
        }
    }

    /// <summary>
    /// The next batch: the first record within the window, then more while <see cref="KafkaTriggerOptions.WaitForMore"/>
    /// allows, up to the batch size: by default only what the consumer has fetched already.
    /// </summary>
    private List<ConsumeResult<byte[]?, byte[]?>> NextBatch(IConsumer<byte[]?, byte[]?> consumer, CancellationToken stoppingToken)
    {
        var batch = new List<ConsumeResult<byte[]?, byte[]?>>();
        var windowBegan = Stopwatch.GetTimestamp();
        var first = Poll(consumer, TimeSpan.FromSeconds(options.SubscriberIntervalInSeconds));
        stoppingToken.ThrowIfCancellationRequested();
        if (first is null) return batch;
        batch.Add(first);
        while (batch.Count < options.MaxBatchSize && Poll(consumer, options.WaitForMore(Stopwatch.GetElapsedTime(windowBegan))) is { } next) batch.Add(next);
        return batch;
    }

    /// <summary>
    /// One poll. An error the consumer reports (a broker away, the group moved on after a long wait) is logged and
    /// polled past: librdkafka recovers from it by itself, rejoining the group if it left it. A fatal one ends this consumer.
    /// </summary>
    private ConsumeResult<byte[]?, byte[]?>? Poll(IConsumer<byte[]?, byte[]?> consumer, TimeSpan timeout)
    {
        try
        {
            return consumer.Consume(timeout);
        }
        catch (ConsumeException e) when (!e.Error.IsFatal)
        {
            logger.LogWarning("{Function}: consumer error {Code}: {Reason}", Name, e.Error.Code, e.Error.Reason);
            return null;
        }
    }

    /// <summary>
    /// Returns true once the batch succeeded, or once the extension's settings would skip it: either way its offsets
    /// are stored next. Returns false when its partitions moved to another member while it was redelivered in place:
    /// that member redelivers it.
    /// </summary>
    private async Task<bool> DeliverAsync(IConsumer<byte[]?, byte[]?> consumer, List<ConsumeResult<byte[]?, byte[]?>> batch, Delivery delivery, CancellationToken stoppingToken)
    {
        var records = batch.Select(IncomingRecord.From).ToList();
        var partitions = batch.Select(r => r.TopicPartition).Distinct().ToList();
        var paused = new PausedPartitions();
        try
        {
            for (var failures = 1; ; failures++)
            {
                try
                {
                    await batches.HandleAsync(Name, records, delivery, stoppingToken);
                    return true;
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    if (options.CommitOnFailure || (options.MaxRetries >= 0 && failures > options.MaxRetries))
                    {
                        logger.LogError(e, "{Function}: skipping a failed batch of {Count}, as the Functions host would with commitOnFailure {CommitOnFailure} and maxRetries {MaxRetries}",
                            Name, batch.Count, options.CommitOnFailure, options.MaxRetries);
                        return true;
                    }
                    if (!KeepMembership(consumer, paused, partitions))
                    {
                        logger.LogInformation("{Function}: a failing batch's partitions moved to another member, which redelivers it", Name);
                        return false;
                    }
                }
            }
        }
        finally
        {
            // Only after a pause: resuming costs librdkafka work on every partition, and most batches succeed at once.
            if (paused.Any) Resume(consumer, paused);
        }
    }

    /// <summary>
    /// Between attempts of a batch: pause every partition (nothing new is taken meanwhile) and poll, which keeps this
    /// member in its group and serves rebalances. A record fetched before the pause is put back. Says whether the
    /// batch's partitions are still this member's.
    /// </summary>
    private bool KeepMembership(IConsumer<byte[]?, byte[]?> consumer, PausedPartitions paused, IReadOnlyList<TopicPartition> batchPartitions)
    {
        paused.PauseAssignment(consumer);
        if (Poll(consumer, TimeSpan.Zero) is { } early)
        {
            consumer.Seek(early.TopicPartitionOffset);
            paused.Pause(consumer, [early.TopicPartition]);
        }
        var assignment = consumer.Assignment;
        return batchPartitions.All(assignment.Contains);
    }

    private void Resume(IConsumer<byte[]?, byte[]?> consumer, PausedPartitions paused)
    {
        try
        {
            paused.ResumeAll(consumer);
        }
        catch (KafkaException e)
        {
            logger.LogDebug("{Function}: resume: {Reason}", Name, e.Error.Reason);
        }
    }

    private void Assigned(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        if (function is not IProjection) firstDeliveries.Assigned(consumer, partitions);
        health.Assigned(Group, partitions);
    }

    private void Revoked(IReadOnlyList<TopicPartition> partitions)
    {
        firstDeliveries.Forget(partitions);
        health.Revoked(Group, partitions);
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
}
