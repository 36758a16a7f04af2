using Confluent.Kafka;
using Confluent.Kafka.Admin;
using EventFunctions.Contracts;

namespace EventFunctions.Messaging;

/// <summary>Where the topics' partitions start and end, and where a consumer group has committed, asked of the brokers.</summary>
public static class LogOffsets
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    public static IReadOnlyList<TopicPartition> PartitionsOf(IEnumerable<string> topics) =>
        topics.Distinct().SelectMany(topic => Enumerable.Range(0, Topics.Partitions).Select(p => new TopicPartition(topic, p))).ToList();

    /// <summary>The earliest offset still kept (<see cref="OffsetSpec.Earliest"/>) or the next to be written (<see cref="OffsetSpec.Latest"/>) of each partition.</summary>
    public static async Task<Dictionary<TopicPartition, long>> ListAsync(IAdminClient admin, IReadOnlyList<TopicPartition> partitions, OffsetSpec spec)
    {
        var offsets = await admin.ListOffsetsAsync(
            partitions.Select(p => new TopicPartitionOffsetSpec { TopicPartition = p, OffsetSpec = spec }),
            new ListOffsetsOptions { RequestTimeout = RequestTimeout });
        return offsets.ResultInfos.ToDictionary(r => r.TopicPartitionOffsetError.TopicPartition, r => r.TopicPartitionOffsetError.Offset.Value);
    }

    /// <summary>The group's committed offset of each partition; none where it has committed nothing.</summary>
    public static async Task<Dictionary<TopicPartition, long?>> CommittedAsync(IAdminClient admin, string group, IReadOnlyList<TopicPartition> partitions)
    {
        var committed = await admin.ListConsumerGroupOffsetsAsync(
            [new ConsumerGroupTopicPartitions(group, partitions.ToList())], new ListConsumerGroupOffsetsOptions { RequestTimeout = RequestTimeout });
        return committed.SelectMany(g => g.Partitions).ToDictionary(p => p.TopicPartition, p => p.Offset.IsSpecial ? (long?)null : p.Offset.Value);
    }
}
