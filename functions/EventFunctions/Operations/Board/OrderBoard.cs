using System.Globalization;
using EventFunctions.Contracts.Events;
using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.Operations.Board;

/// <summary>
/// The live board's state, in memory: the orders this process's projection has committed events of, folded as the
/// view folds them (<see cref="OrderView.Fold"/>), and a numbered log of their changes that a stream resumes from.
/// It does no I/O: <see cref="OrderBoardFeed"/> feeds it. Final orders beyond <see cref="MaxFinishedOrders"/> are
/// forgotten oldest first (their counts stay); open ones are kept.
/// </summary>
public sealed class OrderBoard
{
    public const int MaxFinishedOrders = 2000;
    public const int MaxReplayableChanges = 10_000;
    public const int LatencySamples = 2000;

    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> orders = [];
    private readonly Dictionary<OrderStatus, long> finished = [];
    private readonly Queue<double> latencies = new();
    private readonly Queue<(long Seq, BoardOrder Order)> changes = new();
    private readonly Queue<string> finishedOrder = new();
    private long seq;
    private TaskCompletionSource next = NewSignal();

    /// <summary>
    /// Names this board's change log: change numbers mean nothing to another process, or to this one after a restart, so a
    /// stream resumed with another epoch starts from a snapshot.
    /// </summary>
    public string Epoch { get; } = Guid.NewGuid().ToString("N")[..12];

    /// <summary>Whether the board holds the order (else the feed loads its history before applying a later event).</summary>
    public bool Knows(string orderId)
    {
        lock (gate) return orders.ContainsKey(orderId);
    }

    /// <summary>
    /// Applies committed events (duplicates are dropped, as the view drops them) and returns the orders whose final
    /// status became known with both ends of their latency, for the metrics.
    /// </summary>
    public IReadOnlyList<FinishedOrder> Apply(IEnumerable<ProjectedEvent> events)
    {
        var done = new List<FinishedOrder>();
        lock (gate)
        {
            foreach (var order in events.Where(e => e.Data is not null).GroupBy(e => e.Data!.OrderId))
            {
                if (!orders.TryGetValue(order.Key, out var entry)) orders[order.Key] = entry = new Entry(order.Key);
                var wasFinal = entry.Order?.Status.IsFinal() == true;
                var hadLatency = entry.Order?.LatencySeconds is not null;
                if (!entry.Add(order)) continue;
                var now = entry.Order!;
                if (!wasFinal && now.Status.IsFinal())
                {
                    finished[now.Status] = finished.GetValueOrDefault(now.Status) + 1;
                    finishedOrder.Enqueue(now.OrderId);
                }
                if (!hadLatency && now.LatencySeconds is { } latency)
                {
                    latencies.Enqueue(latency);
                    if (latencies.Count > LatencySamples) latencies.Dequeue();
                    done.Add(new FinishedOrder(now.OrderId, now.Status, TimeSpan.FromSeconds(latency)));
                }
                changes.Enqueue((++seq, now));
                if (changes.Count > MaxReplayableChanges) changes.Dequeue();
            }
            ForgetOldFinishedOrders();
            var signal = next;
            next = NewSignal();
            signal.TrySetResult();
        }
        return done;
    }

    /// <summary>
    /// Puts an order the board did not hold on it as the projection stored it (after a restart, or when another
    /// instance projected its first events), before live events are applied: what it held already is not counted again.
    /// </summary>
    public void Seed(string orderId, IReadOnlyList<ProjectedEvent> history)
    {
        lock (gate)
        {
            if (orders.ContainsKey(orderId) || history.All(e => e.Data is null)) return;
            var entry = new Entry(orderId);
            entry.Add(history.Where(e => e.Data is not null));
            orders[orderId] = entry;
            if (entry.Order!.Status.IsFinal()) finishedOrder.Enqueue(orderId);
        }
    }

    /// <summary>The changes after <paramref name="cursor"/>, or null when they are no longer all kept (or the cursor is another board's).</summary>
    public IReadOnlyList<(string Id, BoardOrder Order)>? ChangesAfter(string? cursor)
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
    public (string Cursor, IReadOnlyList<BoardOrder> Orders) Snapshot(int recent)
    {
        lock (gate)
            return (CursorOf(seq), orders.Values.Select(e => e.Order!).OrderByDescending(o => o.UpdatedAt).Take(recent).ToList());
    }

    /// <summary>Open orders by their status now, and final ones by status since the board started.</summary>
    public IReadOnlyDictionary<OrderStatus, long> Counts()
    {
        lock (gate)
        {
            var counts = Enum.GetValues<OrderStatus>().ToDictionary(s => s, s => finished.GetValueOrDefault(s));
            foreach (var entry in orders.Values.Where(e => !e.Order!.Status.IsFinal())) counts[entry.Order!.Status]++;
            return counts;
        }
    }

    public LatencySummary Latency()
    {
        lock (gate) return LatencySummary.Of(latencies.ToArray());
    }

    private void ForgetOldFinishedOrders()
    {
        while (finishedOrder.Count > MaxFinishedOrders && finishedOrder.TryDequeue(out var orderId))
            orders.Remove(orderId);
    }

    private string CursorOf(long number) => Epoch + ":" + number.ToString(CultureInfo.InvariantCulture);

    private long? ParseCursor(string? cursor) =>
        cursor?.Split(':') is [var epoch, var number] && epoch == Epoch && long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>One order's events (the first of each type, as the view keeps them) and what they fold to.</summary>
    private sealed class Entry(string orderId)
    {
        private readonly Dictionary<string, ProjectedEvent> events = [];
        private DateTimeOffset? finishedAt;

        public BoardOrder? Order { get; private set; }

        /// <summary>Adds the events; false if none was new.</summary>
        public bool Add(IEnumerable<ProjectedEvent> added)
        {
            var changed = false;
            // A placement's rejection (another body took the order id first) ends that placement, not the order.
            foreach (var e in added.Where(e => e.Data is not OrderRejected rejected || !rejected.RejectsPlacement())) changed |= events.TryAdd(e.Type, e);
            if (!changed) return false;

            var view = OrderView.Fold(orderId, events.Values.Select(e => e.Data!));
            var projected = events.Values.Max(e => e.ProjectedAt ?? e.Time);
            if (view.Status.IsFinal() && finishedAt is null) finishedAt = projected;
            var steps = events.Values.OrderBy(e => e.Time)
                .Select(e => new BoardStep(e.Type, Messaging.Provenance.WriterOf(e.Source), e.Time, e.ProjectedAt ?? e.Time)).ToList();
            var placedAt = events.Values.FirstOrDefault(e => e.Data is OrderPlaced)?.Time;
            Order = new BoardOrder(orderId, view.CustomerId, view.Status, view.Reason, view.Total, view.IsComplete, placedAt, finishedAt, projected, steps);
            return true;
        }
    }
}

/// <summary>An order whose final status the board has just learnt, with its placed→final latency.</summary>
public sealed record FinishedOrder(string OrderId, OrderStatus Status, TimeSpan Latency);
