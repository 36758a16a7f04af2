using System.Threading.Channels;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.ReadSide.OrderViews;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventFunctions.Operations.Live;

/// <summary>
/// Feeds <see cref="LiveOrders"/> from the projection's commits in this process (<see cref="IOrderViewChanges.Subscribe"/>),
/// off the projection's thread: it queues each change, applies them in order and hands each apply's changes to the
/// observers (the order metrics; the board where the host serves it). An order first seen after its OrderPlaced (a
/// restart, or a projection that moved between instances) is seeded from the view table first.
/// </summary>
public sealed class LiveOrdersFeed : BackgroundService
{
    private readonly Channel<(IReadOnlyList<EventEnvelope> Events, DateTimeOffset At)> queue =
        Channel.CreateUnbounded<(IReadOnlyList<EventEnvelope>, DateTimeOffset)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly LiveOrders orders;
    private readonly IReadOnlyList<ILiveOrdersObserver> observers;
    private readonly IOrderViews views;
    private readonly ILogger<LiveOrdersFeed> logger;
    private readonly IDisposable subscription;

    public LiveOrdersFeed(LiveOrders orders, IEnumerable<ILiveOrdersObserver> observers, IOrderViewChanges changes, IOrderViews views,
        TimeProvider clock, ILogger<LiveOrdersFeed> logger)
    {
        (this.orders, this.observers, this.views, this.logger) = (orders, observers.ToList(), views, logger);
        // From construction, not from ExecuteAsync: the hosts start the triggers after this, and no commit is missed.
        subscription = changes.Subscribe(events => queue.Writer.TryWrite((events, clock.GetUtcNow())));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var (events, at) in queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await SeedUnknownOrdersAsync(events, stoppingToken);
                var applied = orders.Apply(events.Select(e => ProjectedEvent.Of(e, at)));
                foreach (var observer in observers) observer.Changed(applied);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The live orders are a window, not a record: a change they cannot take must not stop them taking the next.
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
                logger.LogDebug("Live orders: history of order {OrderId} not read ({Reason}); taking its live events only", order.OrderId, e.Message);
            }
        });
    }

    public override void Dispose()
    {
        subscription.Dispose();
        base.Dispose();
    }
}
