using System.Globalization;
using EventFunctions.Operations.Live;

namespace EventFunctions.Operations.Board;

/// <summary>
/// The live board's own state, in memory, kept as it observes <see cref="LiveOrders"/>: a log of their numbered changes
/// that a stream resumes from, and the latencies of the orders seen finish. It does no I/O.
/// </summary>
public sealed class OrderBoard(LiveOrders orders) : ILiveOrdersObserver
{
    public const int MaxReplayableChanges = 10_000;
    public const int LatencySamples = 2000;

    private readonly Lock gate = new();
    private readonly Queue<double> latencies = new();
    private readonly Queue<LiveChange> changes = new();
    private TaskCompletionSource next = NewSignal();

    /// <summary>
    /// Names this board's change log: change numbers mean nothing to another process, or to this one after a restart, so a
    /// stream resumed with another epoch starts from a snapshot.
    /// </summary>
    public string Epoch { get; } = Guid.NewGuid().ToString("N")[..12];

    public void Changed(LiveChanges applied)
    {
        lock (gate)
        {
            foreach (var change in applied.Changes)
            {
                changes.Enqueue(change);
                if (changes.Count > MaxReplayableChanges) changes.Dequeue();
            }
            foreach (var done in applied.Finished)
            {
                latencies.Enqueue(done.Latency.TotalSeconds);
                if (latencies.Count > LatencySamples) latencies.Dequeue();
            }
            var signal = next;
            next = NewSignal();
            signal.TrySetResult();
        }
    }

    /// <summary>
    /// The changes after <paramref name="cursor"/>, or null when they are no longer all kept (or the cursor is another
    /// board's). A snapshot's cursor may be ahead of the log by the apply the board has not observed yet: nothing to send
    /// until it has.
    /// </summary>
    public IReadOnlyList<(string Id, LiveOrder Order)>? ChangesAfter(string? cursor)
    {
        lock (gate)
        {
            if (ParseCursor(cursor) is not { } after || after > orders.LastChange || (changes.TryPeek(out var oldest) && oldest.Number - 1 > after)) return null;
            return changes.Where(c => c.Number > after).Select(c => (CursorOf(c.Number), c.Order)).ToList();
        }
    }

    /// <summary>Completes at the next change.</summary>
    public Task NextChange
    {
        get
        {
            lock (gate) return next.Task;
        }
    }

    /// <summary>The most recently changed orders, newest first, and the cursor to resume after them.</summary>
    public (string Cursor, IReadOnlyList<LiveOrder> Orders) Snapshot(int recent)
    {
        var (last, recentOrders) = orders.Recent(recent);
        return (CursorOf(last), recentOrders);
    }

    public LatencySummary Latency()
    {
        lock (gate) return LatencySummary.Of(latencies.ToArray());
    }

    private string CursorOf(long number) => Epoch + ":" + number.ToString(CultureInfo.InvariantCulture);

    private long? ParseCursor(string? cursor) =>
        cursor?.Split(':') is [var epoch, var number] && epoch == Epoch && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
