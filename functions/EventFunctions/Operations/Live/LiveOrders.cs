using EventFunctions.Contracts.Events;
using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.Operations.Live;

/// <summary>
/// The orders this process's projection has committed events of, in memory, folded as the view folds them
/// (<see cref="OrderView.Fold"/>): what the order metrics count and time, and what the local host's board shows. It does
/// no I/O: <see cref="LiveOrdersFeed"/> feeds it. Final orders beyond <see cref="MaxFinishedOrders"/> are forgotten oldest
/// first (their counts stay); open ones are kept.
/// </summary>
public sealed class LiveOrders
{
    public const int MaxFinishedOrders = 2000;

    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> orders = [];
    private readonly Dictionary<OrderStatus, long> finished = [];
    private readonly Queue<string> finishedOrder = new();
    private long lastChange;

    /// <summary>Whether the order is held (else the feed loads its history before applying a later event).</summary>
    public bool Knows(string orderId)
    {
        lock (gate) return orders.ContainsKey(orderId);
    }

    /// <summary>
    /// Applies committed events (duplicates are dropped, as the view drops them) and returns each order they moved,
    /// numbered, and those whose final status became known with both ends of their latency.
    /// </summary>
    public LiveChanges Apply(IEnumerable<ProjectedEvent> events)
    {
        var changed = new List<LiveChange>();
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
                    done.Add(new FinishedOrder(now.OrderId, now.Status, TimeSpan.FromSeconds(latency)));
                changed.Add(new LiveChange(++lastChange, now));
            }
            ForgetOldFinishedOrders();
        }
        return new LiveChanges(changed, done);
    }

    /// <summary>
    /// Puts an order not held yet as the projection stored it (after a restart, or when another instance projected its
    /// first events), before live events are applied: what it held already is not counted again.
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

    /// <summary>The number of the last change <see cref="Apply"/> returned (0 before any).</summary>
    public long LastChange
    {
        get
        {
            lock (gate) return lastChange;
        }
    }

    /// <summary>
    /// The most recently changed orders, newest first, and the number of the last change they include: read together,
    /// so that an observer resuming after that number misses nothing and gets nothing twice.
    /// </summary>
    public (long LastChange, IReadOnlyList<LiveOrder> Orders) Recent(int count)
    {
        lock (gate)
            return (lastChange, orders.Values.Select(e => e.Order!).OrderByDescending(o => o.UpdatedAt).Take(count).ToList());
    }

    /// <summary>Open orders by their status now, and final ones by status since the process started.</summary>
    public IReadOnlyDictionary<OrderStatus, long> Counts()
    {
        lock (gate)
        {
            var counts = Enum.GetValues<OrderStatus>().ToDictionary(s => s, s => finished.GetValueOrDefault(s));
            foreach (var entry in orders.Values.Where(e => !e.Order!.Status.IsFinal())) counts[entry.Order!.Status]++;
            return counts;
        }
    }

    private void ForgetOldFinishedOrders()
    {
        while (finishedOrder.Count > MaxFinishedOrders && finishedOrder.TryDequeue(out var orderId))
            orders.Remove(orderId);
    }

    /// <summary>One order's events (the first of each type, as the view keeps them) and what they fold to.</summary>
    private sealed class Entry(string orderId)
    {
        private readonly Dictionary<string, ProjectedEvent> events = [];
        private DateTimeOffset? finishedAt;

        public LiveOrder? Order { get; private set; }

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
                .Select(e => new LiveStep(e.Type, Messaging.Provenance.WriterOf(e.Source), e.Time, e.ProjectedAt ?? e.Time)).ToList();
            var placedAt = events.Values.FirstOrDefault(e => e.Data is OrderPlaced)?.Time;
            Order = new LiveOrder(orderId, view.CustomerId, view.Status, view.Reason, view.Total, view.IsComplete, placedAt, finishedAt, projected, steps);
            return true;
        }
    }
}
