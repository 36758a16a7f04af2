using Confluent.Kafka;
using EventFunctions.Messaging;
using EventFunctions.Processing;
using EventFunctions.Processing.Retries;

namespace EventFunctions.LocalHost.KafkaTrigger;

/// <summary>
/// Emulates the Azure Functions Kafka trigger of one function on one topic, on the shared <see cref="KafkaBatchConsumer"/>:
/// its trigger's consumer group, batches of up to <c>maxBatchSize</c> (handed over as soon as nothing more is fetched,
/// or, as the extension does, at the end of a <c>subscriberIntervalInSeconds</c> window:
/// <see cref="KafkaTriggerOptions.WaitForBatchWindow"/>), offsets stored only after the batch returned (and committed in
/// the background every 200 ms, so a crash redelivers), a failed batch redelivered in place, skipped only where the
/// extension would skip it (<c>commitOnFailure: true</c>, or <c>maxRetries</c> exceeded; the pipeline's host.json sets
/// false and -1). What to do with a batch, and when to give up on a record, is the shared <see cref="TriggerBatchHandler"/>'s.
/// </summary>
public sealed class KafkaTriggerListener(
    IEventFunction function,
    string topic,
    ConsumerConfig consumerConfig,
    KafkaTriggerOptions options,
    TriggerBatchHandler batches,
    PartitionAssignments health,
    ILogger<KafkaTriggerListener> logger) : BackgroundService, IKafkaBatchHandler
{
    private readonly FirstDeliveries firstDeliveries = new();

    /// <summary>Only business functions look for processed events (their inbox), so only they gain from knowing first deliveries.</summary>
    private readonly bool knowsFirstDeliveries = function.KeepsInbox();

    /// <summary>The trigger's consumer group: what the health report names, one entry per trigger.</summary>
    private string Group => consumerConfig.GroupId;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        new KafkaBatchConsumer(new KafkaBatchConsumerSettings(function.Name, consumerConfig, [topic])
        {
            MaxBatchSize = options.MaxBatchSize,
            FirstRecordWait = TimeSpan.FromSeconds(options.SubscriberIntervalInSeconds),
            WaitForMore = options.WaitForMore,
            Commit = OffsetCommit.Background,
            CommitOnRevoke = options.CommitOnRevoke,
        }, this, logger).RunAsync(stoppingToken);

    public Task HandleAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> batch, bool again, CancellationToken cancellationToken)
    {
        // A batch that failed before may have taken effect in part: only a first attempt can be known to be a first delivery.
        var delivery = knowsFirstDeliveries && !again ? firstDeliveries.Of(batch) : Delivery.MaybeRepeated;
        return batches.HandleAsync(function.Name, batch.Select(IncomingRecord.From).ToList(), delivery, cancellationToken);
    }

    public bool SkipFailedBatch(int failures, Exception failure)
    {
        if (!options.CommitOnFailure && (options.MaxRetries < 0 || failures <= options.MaxRetries)) return false;
        logger.LogError(failure, "{Function}: skipping a failed batch, as the Functions host would with commitOnFailure {CommitOnFailure} and maxRetries {MaxRetries}",
            function.Name, options.CommitOnFailure, options.MaxRetries);
        return true;
    }

    public void Assigned(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions)
    {
        if (knowsFirstDeliveries) firstDeliveries.Assigned(consumer, partitions);
        health.Assigned(Group, partitions);
    }

    public void Revoked(IReadOnlyList<TopicPartition> partitions)
    {
        firstDeliveries.Forget(partitions);
        health.Revoked(Group, partitions);
    }

    /// <summary>The ends still being asked use the consumer, which must outlive them.</summary>
    public void Closing() => firstDeliveries.Pending.GetAwaiter().GetResult();
}
