using System.Diagnostics;
using Confluent.Kafka;
using Microsoft.Extensions.Logging;

namespace EventFunctions.Messaging;

/// <summary>
/// One member of a consumer group that hands its records over in batches, as the Functions Kafka trigger does: the local
/// host's triggers and the read models' rebuilds both read through it. A batch's offsets reach the group only after its
/// handler returned (<see cref="OffsetCommit"/>), so a crash redelivers it. A failed batch is delivered again in place
/// until it succeeds, or until its handler gives up on it (<see cref="IKafkaBatchHandler.SkipFailedBatch"/>).
/// Meanwhile (a fault may be waited out for minutes) the consumer pauses its partitions and keeps polling, so that the
/// group does not expel it for exceeding <c>max.poll.interval.ms</c>. A consumer that fails (a fatal client error,
/// anything unforeseen) is replaced: it never stops until it is told to.
/// </summary>
public sealed class KafkaBatchConsumer(KafkaBatchConsumerSettings settings, IKafkaBatchHandler handler, ILogger logger)
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);

    private string Name => settings.Name;

    /// <summary>Runs until <paramref name="stoppingToken"/> is cancelled.</summary>
    public Task RunAsync(CancellationToken stoppingToken) =>
        // librdkafka's Consume blocks: the consumer polls on a thread of its own and waits there for its batches, so that
        // no blocked poll holds a pool thread (on two cores, continuations then queued for up to a second).
        Task.Factory.StartNew(() => Supervise(stoppingToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private void Supervise(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                Consume(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                logger.LogError(e, "{Name}: its consumer failed; starting a new one", Name);
                stoppingToken.WaitHandle.WaitOne(RestartDelay);
            }
        }
    }

    private void Consume(CancellationToken stoppingToken)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(ConfigForCommitMode())
            .SetPartitionsAssignedHandler((c, partitions) => handler.Assigned(c, partitions))
            .SetPartitionsRevokedHandler((c, partitions) =>
            {
                // Before the partitions go: their next owner then starts where this member finished, not where the last
                // background commit happened to land (commits fail while a rebalance is in progress).
                CommitFinished(c, "revoked");
                handler.Revoked(partitions.Select(p => p.TopicPartition).ToList());
            })
            .SetPartitionsLostHandler((_, partitions) => handler.Revoked(partitions.Select(p => p.TopicPartition).ToList()))
            .SetErrorHandler((_, error) => logger.Log(error.IsFatal ? LogLevel.Critical : LogLevel.Debug, "{Name}: {Error}", Name, error))
            .Build();
        consumer.Subscribe(settings.Topics);
        logger.LogInformation("{Name} reading {Topics} as group {Group}", Name, string.Join(", ", settings.Topics), settings.Config.GroupId);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var batch = NextBatch(consumer, stoppingToken);
                if (batch.Count == 0) continue;
                var started = Stopwatch.GetTimestamp();
                if (DeliverAsync(consumer, batch, stoppingToken).GetAwaiter().GetResult()) Finished(consumer, batch);
                logger.LogDebug("{Name}: batch of {Count} in {Milliseconds:F0} ms", Name, batch.Count, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        finally
        {
            handler.Closing();
            CommitFinished(consumer, "stopping");
            consumer.Close();
        }
    }

    /// <summary>
    /// The settings' config, made to agree with <see cref="KafkaBatchConsumerSettings.Commit"/>: an offset is stored only
    /// by <see cref="Finished"/>, never by librdkafka as a record is handed out, and committed in the background only
    /// in that mode.
    /// </summary>
    private ConsumerConfig ConfigForCommitMode() => new(settings.Config.ToDictionary(setting => setting.Key, setting => setting.Value))
    {
        EnableAutoOffsetStore = false,
        EnableAutoCommit = settings.Commit == OffsetCommit.Background,
    };

    /// <summary>
    /// The next batch: the first record within <see cref="KafkaBatchConsumerSettings.FirstRecordWait"/>, then more while
    /// <see cref="KafkaBatchConsumerSettings.WaitForMore"/> allows, up to the batch size.
    /// </summary>
    private List<ConsumeResult<byte[]?, byte[]?>> NextBatch(IConsumer<byte[]?, byte[]?> consumer, CancellationToken stoppingToken)
    {
        var batch = new List<ConsumeResult<byte[]?, byte[]?>>();
        var windowBegan = Stopwatch.GetTimestamp();
        var first = Poll(consumer, settings.FirstRecordWait);
        stoppingToken.ThrowIfCancellationRequested();
        if (first is null) return batch;
        batch.Add(first);
        while (batch.Count < settings.MaxBatchSize && Poll(consumer, settings.WaitForMore(Stopwatch.GetElapsedTime(windowBegan))) is { } next) batch.Add(next);
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
            logger.LogWarning("{Name}: consumer error {Code}: {Reason}", Name, e.Error.Code, e.Error.Reason);
            return null;
        }
    }

    /// <summary>
    /// Returns true once the batch succeeded, or once its handler gave up on it: either way its offsets move past it.
    /// Returns false when its partitions moved to another member while it was delivered again: that member redelivers it.
    /// </summary>
    private async Task<bool> DeliverAsync(IConsumer<byte[]?, byte[]?> consumer, List<ConsumeResult<byte[]?, byte[]?>> batch, CancellationToken stoppingToken)
    {
        var partitions = batch.Select(r => r.TopicPartition).Distinct().ToList();
        var paused = new PausedPartitions();
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await handler.HandleAsync(batch, again: attempt > 1, stoppingToken);
                    return true;
                }
                catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    if (handler.SkipFailedBatch(failures: attempt, e)) return true;
                    if (!KeepMembership(consumer, paused, partitions))
                    {
                        logger.LogInformation("{Name}: a failing batch's partitions moved to another member, which delivers it again", Name);
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
            logger.LogDebug("{Name}: resume: {Reason}", Name, e.Error.Reason);
        }
    }

    /// <summary>Moves the group's offsets past a finished batch, as <see cref="KafkaBatchConsumerSettings.Commit"/> says.</summary>
    private void Finished(IConsumer<byte[]?, byte[]?> consumer, List<ConsumeResult<byte[]?, byte[]?>> batch)
    {
        var lastOfEach = batch.GroupBy(r => r.TopicPartition).Select(p => p.MaxBy(r => r.Offset.Value)!).ToList();
        if (settings.Commit == OffsetCommit.EachBatch)
        {
            try
            {
                consumer.Commit(lastOfEach.Select(last => new TopicPartitionOffset(last.TopicPartition, last.Offset + 1)));
            }
            catch (KafkaException e)
            {
                // The partitions moved to another member meanwhile: it reads them again from the last commit, harmlessly.
                logger.LogDebug("{Name}: commit failed: {Reason}", Name, e.Error.Reason);
            }
            return;
        }
        foreach (var last in lastOfEach)
        {
            try
            {
                consumer.StoreOffset(last);
            }
            catch (KafkaException e)
            {
                // The partition moved to another member during the batch: it will redeliver, and that is harmless.
                logger.LogDebug("{Name}: offset of {Partition} not stored: {Reason}", Name, last.TopicPartition, e.Error.Reason);
            }
        }
    }

    /// <summary>Commits the offsets stored for every finished batch now, rather than at the next background commit.</summary>
    private void CommitFinished(IConsumer<byte[]?, byte[]?> consumer, string why)
    {
        if (settings.Commit != OffsetCommit.Background || !settings.CommitOnRevoke) return;
        try
        {
            consumer.Commit();
        }
        catch (KafkaException e)
        {
            // Nothing stored since the last commit, or the group moved on already: the next owner redelivers, harmlessly.
            logger.LogDebug("{Name}: no commit on {Why}: {Reason}", Name, why, e.Error.Reason);
        }
    }
}
