using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using EventFunctions.Operations.Live;
using EventFunctions.Operations.Overdue;
using EventFunctions.Processing;
using EventFunctions.Telemetry;

namespace EventFunctions.Operations.Board;

/// <summary>
/// The board as Server-Sent Events. A stream opens with a <c>snapshot</c> (figures and recent orders), then sends
/// <c>orders</c> (the orders changed since the last event, each in its latest state) as the projection commits, at most
/// every <see cref="Coalesce"/>, and <c>summary</c> (the figures) every <see cref="SummaryInterval"/>. Each <c>orders</c>
/// and <c>snapshot</c> event carries an id: a client that reconnects with it as <c>Last-Event-ID</c> (browsers do so
/// themselves) gets exactly the changes it missed, or a new snapshot when they are no longer kept or the id is
/// another board's (another instance, or this one before a restart).
/// </summary>
public sealed class BoardStream(OrderBoard board, LiveOrders orders, ConsumerLagMonitor lag, PipelineMetrics metrics, OverdueOrderMonitor overdue, TimeProvider clock)
{
    public static readonly TimeSpan SummaryInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan Coalesce = TimeSpan.FromMilliseconds(100);
    public const int SnapshotOrders = 200;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public BoardSummary Summary()
    {
        var sample = lag.Latest;
        var lags = sample.Partitions.GroupBy(l => l.Function)
            .Select(g => new FunctionLag(g.Key, g.Sum(l => l.Lag), g.Where(l => l.Lag > 0).Select(l => new PartitionLagView(l.Topic, l.Partition, l.Lag)).ToList()))
            .OrderBy(l => l.Function, StringComparer.Ordinal).ToList();
        var scan = overdue.LastScan;
        return new BoardSummary(clock.GetUtcNow(), orders.Counts(), board.Latency(), lags, sample.At, metrics.DeadLetteredSinceStart,
            new OverdueSummary(scan?.At, scan?.Orders.Count ?? 0, scan?.Orders.Take(20).Select(o => o.OrderId).ToList() ?? []));
    }

    public BoardSnapshot Snapshot()
    {
        var (cursor, recent) = board.Snapshot(SnapshotOrders);
        return new BoardSnapshot(cursor, Summary(), recent);
    }

    public async IAsyncEnumerable<SseItem<string>> StreamAsync(string? lastEventId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var cursor = lastEventId;
        var summaryDue = clock.GetUtcNow() + SummaryInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            // Take the signal before reading, so no change falls in between.
            var changed = board.NextChange;
            if (board.ChangesAfter(cursor) is not { } changes)
            {
                var snapshot = Snapshot();
                cursor = snapshot.Cursor;
                yield return Item("snapshot", snapshot, cursor);
            }
            else if (changes.Count > 0)
            {
                cursor = changes[^1].Id;
                var latest = changes.Select(c => c.Order).Reverse().DistinctBy(o => o.OrderId).Reverse().ToList();
                yield return Item("orders", latest, cursor);
            }

            if (clock.GetUtcNow() >= summaryDue)
            {
                yield return Item("summary", Summary(), id: null);
                summaryDue = clock.GetUtcNow() + SummaryInterval;
            }

            var untilSummary = summaryDue - clock.GetUtcNow();
            try
            {
                await Task.WhenAny(changed, Task.Delay(untilSummary > TimeSpan.Zero ? untilSummary : TimeSpan.Zero, clock, cancellationToken));
                // Gather what else changes meanwhile into the next event: a busy pipeline sends one event per interval, not one per commit.
                await Task.Delay(Coalesce, clock, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                yield break;
            }
        }
    }

    private static SseItem<string> Item<T>(string type, T data, string? id) =>
        new(JsonSerializer.Serialize(data, Json), type) { EventId = id };
}

/// <summary>What a stream opens with: the cursor to resume after, the figures and the most recently changed orders.</summary>
public sealed record BoardSnapshot(string Cursor, BoardSummary Summary, IReadOnlyList<LiveOrder> Orders);
