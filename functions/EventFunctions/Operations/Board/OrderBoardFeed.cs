using System.Diagnostics.Metrics;
using System.Threading.Channels;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventFunctions.Operations.Board;

/// <summary>
/// Feeds the board from the projection's commits in this process (<see cref="IOrderViewChanges.Subscribe"/>), off the
/// projection's thread: it queues each change and applies them in order. An order first seen after its OrderPlaced (a
/// restart, or a projection that moved between instances) is seeded from the view table first. Records the placed→final
/// latency of each order it sees finish, and reports the orders per status as a gauge.
/// </summary>
public sealed class OrderBoardFeed : BackgroundService
{
    private readonly Channel<(IReadOnlyList<EventEnvelope> Events, DateTimeOffset At)> queue =
        Channel.CreateUnbounded<(IReadOnlyList<EventEnvelope>, DateTimeOffset)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly OrderBoard board;
    private readonly IOrderViews views;
    private readonly PipelineMetrics metrics;
    private readonly ILogger<OrderBoardFeed> logger;
    private readonly IDisposable subscription;

    public OrderBoardFeed(OrderBoard board, IOrderViewChanges changes, IOrderViews views, PipelineMetrics metrics, IMeterFactory meters,
        TimeProvider clock, ILogger<OrderBoardFeed> logger)
    {
        (this.board, this.views, this.metrics, this.logger) = (board, views, metrics, logger);
        // From construction, not from ExecuteAsync: the hosts start the triggers after this, and no commit is missed.
        subscription = changes.Subscribe(events => queue.Writer.TryWrite((events, clock.GetUtcNow())));
        PipelineMetrics.Meter(meters).CreateObservableGauge("eventfunctions.orders",
            () => board.Counts().Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("status", c.Key.ToString()))),
            "{order}", "Orders by status: open ones now, final ones since the host started, as this instance's projection saw them.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (events, at) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SeedUnknownOrdersAsync(events, stoppingToken);
                foreach (var done in board.Apply(events.Select(e => ProjectedEvent.Of(e, at))))
                    metrics.OrderFinished(done.Status.ToString(), done.Latency);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The board is a window, not a record: a change it cannot show must not stop it showing the next.
                logger.LogError(e, "Board: {Count} committed events not shown", events.Count);
            }
        }
    }

    private async Task SeedUnknownOrdersAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        var unknown = events.GroupBy(e => e.Subject)
            .Where(order => !order.Any(e => e.Data is OrderPlaced) && !board.Knows(order.Key))
            .Select(order => (OrderId: order.Key, Live: order.Select(e => e.Id).ToHashSet()));
        await Parallel.ForEachAsync(unknown, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (order, token) =>
        {
            try
            {
                // The live events are in the table already (the projection committed them first): leave them to Apply, which counts them.
                var history = await views.GetEventsAsync(order.OrderId, token);
                board.Seed(order.OrderId, history.Where(e => !order.Live.Contains(e.EventId)).ToList());
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                logger.LogDebug("Board: history of order {OrderId} not read ({Reason}); showing its live events only", order.OrderId, e.Message);
            }
        });
    }

    public override void Dispose()
    {
        subscription.Dispose();
        base.Dispose();
    }
}
