using Confluent.Kafka;

namespace EventFunctions.Messaging;

/// <summary>What a <see cref="KafkaBatchConsumer"/>'s user decides; the consumer keeps the group membership, the batching and the offsets.</summary>
public interface IKafkaBatchHandler
{
    /// <summary>
    /// Handles a batch; an exception means "deliver it again" (in place), unless <see cref="SkipFailedBatch"/> says
    /// otherwise. <paramref name="again"/> says this consumer delivered it before and it failed: some of it may have taken effect.
    /// </summary>
    Task HandleAsync(IReadOnlyList<ConsumeResult<byte[]?, byte[]?>> batch, bool again, CancellationToken cancellationToken);

    /// <summary>Whether to give up on a batch that failed <paramref name="failures"/> times and move its offsets past it.</summary>
    bool SkipFailedBatch(int failures, Exception failure) => false;

    /// <summary>Partitions assigned to this member, on the consumer's thread (within the rebalance).</summary>
    void Assigned(IConsumer<byte[]?, byte[]?> consumer, IReadOnlyList<TopicPartition> partitions)
    {
    }

    /// <summary>Partitions revoked from this member, or lost by it.</summary>
    void Revoked(IReadOnlyList<TopicPartition> partitions)
    {
    }

    /// <summary>Before the consumer closes: anything still using it must finish.</summary>
    void Closing()
    {
    }
}
