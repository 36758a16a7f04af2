using Confluent.Kafka;

namespace EventFunctions.Messaging;

/// <summary>How a <see cref="KafkaBatchConsumer"/> reads: its group and topics, how it forms batches, how it commits.</summary>
public sealed record KafkaBatchConsumerSettings(string Name, ConsumerConfig Config, IReadOnlyList<string> Topics)
{
    public int MaxBatchSize { get; init; } = 64;

    /// <summary>How long a batch's first record is waited for before the consumer polls again.</summary>
    public TimeSpan FirstRecordWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long to wait for one more record, given the time since the batch's first wait began. The default waits
    /// for nothing: a batch is what the consumer has fetched already.
    /// </summary>
    public Func<TimeSpan, TimeSpan> WaitForMore { get; init; } = _ => TimeSpan.Zero;

    public OffsetCommit Commit { get; init; } = OffsetCommit.Background;

    /// <summary>
    /// With <see cref="OffsetCommit.Background"/>: commit the finished batches when partitions are revoked or the
    /// consumer stops, so that their next owner does not process them again.
    /// </summary>
    public bool CommitOnRevoke { get; init; } = true;
}

/// <summary>When a finished batch's offsets reach the group.</summary>
public enum OffsetCommit
{
    /// <summary>
    /// Stored after the batch, committed by librdkafka's background commit (the config's <c>auto.commit.interval.ms</c>,
    /// with <c>enable.auto.offset.store</c> false): what the Functions trigger does, and cheap per batch.
    /// </summary>
    Background,

    /// <summary>Committed before the next batch is taken: for a group whose committed offsets are progress that others read.</summary>
    EachBatch,
}
