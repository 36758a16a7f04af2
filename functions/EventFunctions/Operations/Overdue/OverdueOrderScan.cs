using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.Operations.Overdue;

/// <summary>
/// Finds the orders placed longer ago than the deadline and not yet ended: the open orders placed before it
/// (<see cref="TableOpenOrders"/>), then each one's view, to say where it stands. Ended orders cost the scan nothing.
/// </summary>
public sealed class OverdueOrderScan(TableOpenOrders openOrders, IOrderViews views, OperationsOptions options, TimeProvider clock)
{
    public TimeSpan Deadline => options.OrderDeadline;

    public async Task<IReadOnlyList<OverdueOrder>> FindAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var open = await openOrders.PlacedBeforeAsync(now - options.OrderDeadline, cancellationToken);

        var overdue = await Task.WhenAll(open.Select(async o =>
        {
            var view = await views.GetAsync(o.OrderId, cancellationToken);
            return view is null || view.IsComplete
                ? null
                : new OverdueOrder(o.OrderId, view.CustomerId, view.Status, view.Reason, StuckStep.Of(view), o.PlacedAt, now - o.PlacedAt);
        }));
        return overdue.OfType<OverdueOrder>().OrderBy(o => o.PlacedAt).ToList();
    }
}
