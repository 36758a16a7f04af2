using System.Collections.Concurrent;
using EventFunctions.Messaging;

namespace EventFunctions.Triggers;

/// <summary>
/// Counts the failed deliveries of each trigger batch and decides what the next delivery does: run the whole batch
/// again, or, once it has failed <see cref="WholeBatchAttempts"/> times, each record alone. A batch is known by its
/// function and the first offset of each partition in it, where a redelivery starts again. Counts live in memory: a
/// restart starts them over, which only means more attempts before dead-lettering, never a lost record.
/// </summary>
public sealed class BatchAttempts(int wholeBatchAttempts = BatchAttempts.DefaultWholeBatchAttempts)
{
    public const int DefaultWholeBatchAttempts = 5;

    // Batches that fail and are then handed to another instance never come back here; forgetting them all is safe.
    private const int MaxTracked = 10_000;
    private static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, int> failures = new();

    public int WholeBatchAttempts { get; } = wholeBatchAttempts >= 1
        ? wholeBatchAttempts
        : throw new ArgumentOutOfRangeException(nameof(wholeBatchAttempts), "A batch is tried whole at least once.");

    public static string KeyOf(string function, IReadOnlyList<IncomingRecord> batch) =>
        function + " " + string.Join(",", batch
            .GroupBy(r => (r.Topic, r.Partition))
            .OrderBy(p => p.Key.Topic, StringComparer.Ordinal).ThenBy(p => p.Key.Partition)
            .Select(p => $"{p.Key.Topic}[{p.Key.Partition}]@{p.Min(r => r.Offset)}"));

    public int FailuresOf(string batch) => failures.GetValueOrDefault(batch);

    /// <summary>True once the whole batch has failed as often as it may: its records are then tried one by one.</summary>
    public bool ShouldIsolate(string batch) => FailuresOf(batch) >= WholeBatchAttempts;

    /// <summary>Counts a failure and says how long to wait before the host redelivers.</summary>
    public TimeSpan Failed(string batch)
    {
        if (failures.Count >= MaxTracked) failures.Clear();
        return BackoffAfter(failures.AddOrUpdate(batch, 1, (_, n) => n + 1));
    }

    public void Done(string batch) => failures.TryRemove(batch, out _);

    public static TimeSpan BackoffAfter(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, FirstBackoff.TotalMilliseconds * Math.Pow(2, failures - 1)));
}
