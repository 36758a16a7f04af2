using System.Globalization;
using EventFunctions.Operations.Live;
using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.Operations.Board;

/// <summary>
/// The live board's own state, in memory, over <see cref="LiveOrders"/>: a numbered log of the orders' changes
/// that a stream resumes from, and the latencies of the orders seen finishing. It does no I/O: <see cref="LiveOrdersFeed"/>
/// tells it each change after applying it.
/// </summary>
public sealed class OrderBoard(LiveOrders orders) : ILiveOrdersObserver
{
    public const int MaxReplayableChanges = 10_000;
    public const int LatencySamples = 2000;

    private readonly Lock gate = new();
    private readonly Queue<double> latencies = new();
    private readonly Queue<(long Seq, LiveOrder Order)> changes = new();
    private long seq;
    private TaskCompletionSource next = NewSignal();

    /// <summary>
    /// Names this board's change log: change numbers mean nothing to another process, or to this one after a restart, so a
    /// stream resumed with another epoch starts from a snapshot.
    /// </summary>
    public string Epoch { get; } = Guid.NewGuid().ToString("N")[..12];

    public void Changed(LiveOrderChanges changed)
    {
        lock (gate)
        {
            foreach (var done in changed.Finished)
            {
                latencies.Enqueue(done.Latency.TotalSeconds);
                if (latencies.Count > LatencySamples) latencies.Dequeue();
            }
            foreach (var order in changed.Changed)
            {
                changes.Enqueue((++seq, order));
                if (changes.Count > MaxReplayableChanges) changes.Dequeue();
            }
            var signal = next;
            next = NewSignal();
            signal.TrySetResult();
        }
    }

    /// <summary>The changes after <paramref name="cursor"/>, or null when they are no longer all kept (or the cursor is another board's).</summary>
    public IReadOnlyList<(string Id, LiveOrder Order)>? ChangesAfter(string? cursor)
    {
        lock (gate)
        {
            if (ParseCursor(cursor) is not { } after || after > seq || (changes.Count > 0 ? changes.Peek().Seq - 1 : seq) > after) return null;
            return changes.Where(c => c.Seq > after).Select(c => (CursorOf(c.Seq), c.Order)).ToList();
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
        // The cursor first: a change applied meanwhile is then in the snapshot and sent again after it, never missed.
        string cursor;
        lock (gate) cursor = CursorOf(seq);
        return (cursor, orders.Recent(recent));
    }

    /// <summary>Open orders by their status now, and final ones by status since the host started.</summary>
    public IReadOnlyDictionary<OrderStatus, long> Counts() => orders.Counts();

    public LatencySummary Latency()
    {
        lock (gate) return LatencySummary.Of(latencies.ToArray());
    }

    private string CursorOf(long number) => Epoch + ":" + number.ToString(CultureInfo.InvariantCulture);

    private long? ParseCursor(string? cursor) =>
        cursor?.Split(':') is [var epoch, var number] && epoch == Epoch && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
