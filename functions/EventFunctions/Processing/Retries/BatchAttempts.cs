using System.Collections.Concurrent;
using EventFunctions.Messaging;

namespace EventFunctions.Processing.Retries;

/// <summary>
/// The failed deliveries of each trigger batch and what the next delivery does, by <see cref="RetryPolicy"/>: run the
/// whole batch again after a wait, or run its records one by one. A batch is known by its function and the first
/// offset of each partition in it, where a redelivery starts again. Counts of failures nobody classified also go to
/// <see cref="IAttemptLog"/>, so they survive a restart; the others need not, since they decide only how long to wait.
/// </summary>
public sealed class BatchAttempts(RetryPolicy policy, IAttemptLog? log = null)
{
    // Batches that fail and are then handed to another instance never come back here; forgetting them all is safe.
    private const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<string, BatchState> batches = new();

    public RetryPolicy Policy => policy;

    public static string KeyOf(string function, IReadOnlyList<IncomingRecord> batch) =>
        function + " " + string.Join(",", batch
            .GroupBy(r => (r.Topic, r.Partition))
            .OrderBy(p => p.Key.Topic, StringComparer.Ordinal).ThenBy(p => p.Key.Partition)
            .Select(p => $"{p.Key.Topic}[{p.Key.Partition}]@{p.Min(r => r.Offset)}"));

    public int FailuresOf(string batch) => batches.GetValueOrDefault(batch)?.Failures ?? 0;

    /// <summary>True once the batch is to be run record by record, until it has been.</summary>
    public bool IsIsolating(string batch) => batches.GetValueOrDefault(batch)?.Isolating ?? false;

    /// <summary>Counts a failure of the whole batch and decides what its next delivery does.</summary>
    public async Task<RetryDecision> FailedAsync(string batch, Failure failure, CancellationToken cancellationToken)
    {
        if (batches.Count >= MaxTracked) batches.Clear();
        var state = batches.AddOrUpdate(batch, _ => new BatchState(1, false, false), (_, s) => s with { Failures = s.Failures + 1 });
        var failures = state.Failures;
        if (failure.Kind == FailureKind.Unknown && await RecordAsync(batch, cancellationToken) is { } recorded)
        {
            failures = Math.Max(failures, recorded);
            state = batches[batch] = state with { Failures = failures, Recorded = true };
        }

        var decision = policy.Decide(failure.Kind, failures);
        if (decision.IsolateRecords) batches[batch] = state with { Isolating = true };
        return decision;
    }

    /// <summary>Counts a transient failure of a record while the batch runs record by record, and says how long to wait.</summary>
    public TimeSpan FailedWhileIsolating(string batch) =>
        policy.Backoff(batches.AddOrUpdate(batch, _ => new BatchState(1, true, false), (_, s) => s with { Failures = s.Failures + 1 }).Failures);

    public async Task SucceededAsync(string batch, CancellationToken cancellationToken)
    {
        if (!batches.TryRemove(batch, out var state) || !state.Recorded || log is null) return;
        try
        {
            await log.ForgetAsync(batch, cancellationToken);
        }
        catch (Exception e) when (FailureClassifier.Classify(e).Kind != FailureKind.Unknown)
        {
            // A count left behind only shortens the retries of a batch that starts at the same offsets, which is
            // the same batch, now processed: it will not fail again.
        }
    }

    private async Task<int?> RecordAsync(string batch, CancellationToken cancellationToken)
    {
        if (log is null) return null;
        try
        {
            return await log.RecordFailureAsync(batch, cancellationToken);
        }
        catch (Exception e) when (FailureClassifier.Classify(e).Kind == FailureKind.Transient)
        {
            return null; // Storage is away too: the count in memory serves until it is back.
        }
    }

    private sealed record BatchState(int Failures, bool Isolating, bool Recorded);
}
