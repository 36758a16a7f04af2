using Confluent.Kafka;
using EventFunctions.Functions;
using EventFunctions.Messaging;

namespace EventFunctions.LocalHost.KafkaTrigger;

/// <summary>
/// Emulates the Azure Functions Kafka trigger for one function: its own consumer group, batches of up to
/// <c>maxBatchSize</c>, offsets stored only after the batch succeeded (and committed in the background every
/// 200 ms, so a crash redelivers), a failed batch retried in place up to <c>maxRetries</c>. Where the extension would
/// then skip the batch, this host tries each record alone and dead-letters those that still fail: nothing is lost.
/// </summary>
public sealed class KafkaTriggerListener(
    EventFunctionRunner runner,
    ConsumerConfig consumerConfig,
    KafkaTriggerOptions options,
    TriggerHealth health,
    ILogger<KafkaTriggerListener> logger) : BackgroundService
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly FirstDeliveries firstDeliveries = new();

    private string Name => runner.Function.Name;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // librdkafka's Consume blocks: give each consumer a thread of its own.
        return Task.Factory.StartNew(() => ConsumeAsync(stoppingToken), stoppingToken, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        using var consumer = new ConsumerBuilder<byte[]?, byte[]?>(consumerConfig)
            .SetPartitionsAssignedHandler((c, partitions) => Assigned(c, partitions))
            .SetPartitionsRevokedHandler((_, partitions) => Revoked(partitions.Select(p => p.TopicPartition).ToList()))
            .SetPartitionsLostHandler((_, partitions) => Revoked(partitions.Select(p => p.TopicPartition).ToList()))
            .SetErrorHandler((_, error) => logger.Log(error.IsFatal ? LogLevel.Critical : LogLevel.Debug, "{Function}: {Error}", Name, error))
            .Build();
        consumer.Subscribe(runner.Function.Topics);
        logger.LogInformation("{Function} listening to {Topics} as group {Group}", Name, string.Join(", ", runner.Function.Topics), consumerConfig.GroupId);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var batch = NextBatch(consumer, stoppingToken);
                if (batch.Count == 0) continue;
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                // Only functions with an inbox look for processed events, so only they gain from knowing first deliveries.
                var delivery = runner.Function.UsesInbox ? firstDeliveries.Of(batch) : Delivery.MaybeRepeated;
                var succeeded = await ProcessAsync(batch.Select(ToIncoming).ToList(), delivery, stoppingToken);
                logger.LogDebug("{Function}: batch of {Count} in {Milliseconds:F0} ms", Name, batch.Count, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (succeeded || options.CommitOnFailure) StoreOffsets(consumer, batch);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await firstDeliveries.Pending;
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

    /// <summary>True when the batch was processed; false only when the extension's semantics would skip it (commitOnFailure).</summary>
    private async Task<bool> ProcessAsync(IReadOnlyList<IncomingRecord> batch, Delivery delivery, CancellationToken stoppingToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // A failed attempt may have committed part of the batch: retries look first.
                await runner.RunAsync(batch, attempt == 0 ? delivery : Delivery.MaybeRepeated, stoppingToken);
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "{Function}: batch of {Count} failed (attempt {Attempt} of {Attempts})", Name, batch.Count, attempt + 1, options.MaxRetries + 1);
                if (options.CommitOnFailure) return false;
                if (attempt >= options.MaxRetries) break;
                await Task.Delay(Backoff(attempt), stoppingToken);
            }
        }

        // One bad record must not hold back the others: try each alone, and dead-letter what still fails.
        foreach (var record in batch)
        {
            try
            {
                await runner.RunAsync([record], stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                await DeadLetterUntilDoneAsync(record, $"failed after {options.MaxRetries + 1} attempts: {e.GetType().Name}: {e.Message}", stoppingToken);
            }
        }
        return true;
    }

    private async Task DeadLetterUntilDoneAsync(IncomingRecord record, string reason, CancellationToken stoppingToken)
    {
        // The record's offset is not stored until it is safe somewhere: if Kafka itself is down, wait for it.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                logger.LogError("{Function}: dead-lettering {Coordinates}: {Reason}", Name, record.Coordinates, reason);
                await runner.DeadLetterAsync([record], reason, stoppingToken);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "{Function}: cannot dead-letter {Coordinates} yet", Name, record.Coordinates);
                await Task.Delay(Backoff(attempt), stoppingToken);
            }
        }
    }

    private void Assigned(IConsumer<byte[]?, byte[]?> consumer, List<TopicPartition> partitions)
    {
        if (runner.Function.UsesInbox) firstDeliveries.Assigned(consumer, partitions);
        health.Assigned(Name, partitions);
    }

    private void Revoked(IReadOnlyList<TopicPartition> partitions)
    {
        firstDeliveries.Forget(partitions);
        health.Revoked(Name, partitions);
    }

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 100 * Math.Pow(2, attempt)));

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
