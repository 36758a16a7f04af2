using System.Collections.Concurrent;
using Confluent.Kafka;

namespace EventFunctions.LocalHost.KafkaTrigger;

/// <summary>Which partitions each trigger's consumer holds, by its group: the pipeline is ready when every consumer holds some.</summary>
public sealed class PartitionAssignments
{
    private readonly ConcurrentDictionary<string, ImmutableTopicPartitions> assigned = new();

    public void Expect(string consumer) => assigned.TryAdd(consumer, new([]));

    public void Assigned(string consumer, IEnumerable<TopicPartition> partitions) =>
        assigned.AddOrUpdate(consumer, _ => new(partitions.ToHashSet()), (_, held) => new(held.Partitions.Union(partitions).ToHashSet()));

    public void Revoked(string consumer, IEnumerable<TopicPartition> partitions) =>
        assigned.AddOrUpdate(consumer, _ => new([]), (_, held) => new(held.Partitions.Except(partitions).ToHashSet()));

    public bool IsReady => assigned.Values.All(a => a.Partitions.Count > 0);

    public IReadOnlyDictionary<string, int> PartitionCounts => assigned.ToDictionary(a => a.Key, a => a.Value.Partitions.Count);

    private sealed record ImmutableTopicPartitions(HashSet<TopicPartition> Partitions);
}
