using System.Diagnostics.Metrics;
using System.Threading.Channels;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventFunctions.Operations.Live;

/// <summary>
/// Feeds <see cref="LiveOrders"/> from the projection's commits in this process (<see cref="IOrderViewChanges.Subscribe"/>),
/// off the projection's thread: it queues each change and applies them in order. An order first seen after its
/// OrderPlaced (a restart, or a projection that moved between instances) is seeded from the view table first. It
/// records the placed→final latency of each order it sees finish, reports the orders per status as a gauge, and tells
/// its observers (the local host's board) what changed. Both hosts run it; only the local host adds a board.
/// </summary>
public sealed class LiveOrdersFeed : BackgroundService
{
    private readonly Channel<(IReadOnlyList<EventEnvelope> Events, DateTimeOffset At)> queue =
        Channel.CreateUnbounded<(IReadOnlyList<EventEnvelope>, DateTimeOffset)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly LiveOrders orders;
    private readonly IReadOnlyList<ILiveOrdersObserver> observers;
    private readonly IOrderViews views;
    private readonly PipelineMetrics metrics;
    private readonly ILogger<LiveOrdersFeed> logger;
    private readonly IDisposable subscription;

    public LiveOrdersFeed(LiveOrders orders, IEnumerable<ILiveOrdersObserver> observers, IOrderViewChanges changes, IOrderViews views,
        PipelineMetrics metrics, IMeterFactory meters, TimeProvider clock, ILogger<LiveOrdersFeed> logger)
    {
        (this.orders, this.observers, this.views, this.metrics, this.logger) = (orders, observers.ToList(), views, metrics, logger);
        // From construction, not from ExecuteAsync: the hosts start the triggers after this, and no commit is missed.
        subscription = changes.Subscribe(events => queue.Writer.TryWrite((events, clock.GetUtcNow())));
        PipelineMetrics.Meter(meters).CreateObservableGauge("eventfunctions.orders",
            () => orders.Counts().Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("status", c.Key.ToString()))),
            "{order}", "Orders by status: open ones now, final ones since the host started, as this instance's projection saw them.");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (events, at) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SeedUnknownOrdersAsync(events, stoppingToken);
                var changes = orders.Apply(events.Select(e => ProjectedEvent.Of(e, at)));
                foreach (var done in changes.Finished) metrics.OrderFinished(done.Status.ToString(), done.Latency);
                foreach (var observer in observers) observer.Changed(changes);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // A window, not a record: a change it cannot apply must not stop it applying the next.
                logger.LogError(e, "Live orders: {Count} committed events not applied", events.Count);
            }
        }
    }

    private async Task SeedUnknownOrdersAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        var unknown = events.GroupBy(e => e.Subject)
            .Where(order => !order.Any(e => e.Data is OrderPlaced) && !orders.Knows(order.Key))
            .Select(order => (OrderId: order.Key, Live: order.Select(e => e.Id).ToHashSet()));
        await Parallel.ForEachAsync(unknown, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (order, token) =>
        {
            try
            {
                // The live events are in the table already (the projection committed them first): leave them to Apply, which counts them.
                var history = await views.GetEventsAsync(order.OrderId, token);
                orders.Seed(order.OrderId, history.Where(e => !order.Live.Contains(e.EventId)).ToList());
            }
            catch (Exception e) when (!token.IsCancellationRequested)
            {
                logger.LogDebug("Live orders: history of order {OrderId} not read ({Reason}); applying its live events only", order.OrderId, e.Message);
            }
        });
    }

    public override void Dispose()
    {
        subscription.Dispose();
        base.Dispose();
    }
}
