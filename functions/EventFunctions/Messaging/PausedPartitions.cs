using Confluent.Kafka;

namespace EventFunctions.Messaging;

/// <summary>
/// The partitions a consumer paused while a batch waits out a fault, so that it resumes every one of them.
/// librdkafka keeps a partition paused when the group takes it away (a wait longer than <c>max.poll.interval.ms</c>)
/// and gives it back: resuming only the current assignment would leave such a partition paused for good, and its
/// trigger silent. Resuming a partition that is not assigned is harmless: the flag is cleared for its next assignment.
/// </summary>
public sealed class PausedPartitions
{
    private readonly HashSet<TopicPartition> paused = [];

    public bool Any => paused.Count > 0;

    /// <summary>Pauses the consumer's whole assignment: nothing new is fetched while the batch waits.</summary>
    public void PauseAssignment<TKey, TValue>(IConsumer<TKey, TValue> consumer) => Pause(consumer, consumer.Assignment);

    public void Pause<TKey, TValue>(IConsumer<TKey, TValue> consumer, IReadOnlyCollection<TopicPartition> partitions)
    {
        if (partitions.Count == 0) return;
        consumer.Pause(partitions);
        paused.UnionWith(partitions);
    }

    /// <summary>Resumes what this paused, assigned now or not, and forgets it.</summary>
    public void ResumeAll<TKey, TValue>(IConsumer<TKey, TValue> consumer)
    {
        if (!Any) return;
        var partitions = paused.ToList();
        paused.Clear();
        consumer.Resume(partitions);
    }
}
