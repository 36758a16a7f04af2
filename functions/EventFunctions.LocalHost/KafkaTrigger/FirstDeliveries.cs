using System.Collections.Concurrent;
using Confluent.Kafka;
using EventFunctions.Processing;

namespace EventFunctions.LocalHost.KafkaTrigger;

/// <summary>
/// Knows which records no member of the group can have been handed before: those written after this member was
/// assigned their partition. On each assignment it asks the partition's end, in the background; records at or beyond
/// that end are first deliveries. Until the answer comes, and if it never does, every batch counts as maybe repeated:
/// slower, never wrong.
/// </summary>
public sealed class FirstDeliveries
{
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<TopicPartition, Task<long?>> newFrom = new();

    /// <summary>Every end still being asked: the consumer must outlive them.</summary>
    public Task Pending => Task.WhenAll(newFrom.Values);

    public void Assigned<TKey, TValue>(IConsumer<TKey, TValue> consumer, IEnumerable<TopicPartition> partitions)
    {
        // Asked after the assignment, so the end is at least what it was then: on the safe side.
        foreach (var partition in partitions)
            newFrom[partition] = Task.Run(() => EndOf(consumer, partition));
    }

    public void Forget(IEnumerable<TopicPartition> partitions)
    {
        foreach (var partition in partitions) newFrom.TryRemove(partition, out _);
    }

    public Delivery Of<TKey, TValue>(IEnumerable<ConsumeResult<TKey, TValue>> batch) =>
        batch.GroupBy(r => r.TopicPartition).All(partition =>
            newFrom.TryGetValue(partition.Key, out var end)
            && end.IsCompletedSuccessfully
            && end.Result is { } boundary
            && partition.Min(r => r.Offset.Value) >= boundary)
            ? Delivery.First
            : Delivery.MaybeRepeated;

    private static long? EndOf<TKey, TValue>(IConsumer<TKey, TValue> consumer, TopicPartition partition)
    {
        try
        {
            return consumer.QueryWatermarkOffsets(partition, QueryTimeout).High.Value;
        }
        catch (KafkaException)
        {
            return null;
        }
    }
}
