namespace EventFunctions.ReadSide.OrderViews;

/// <summary>
/// A long poll on an order's view: waits until the view passes a version and/or is complete, on the projection's
/// change signals instead of a polling loop. It subscribes before each read, so no change falls between the two, and
/// reads again after every signal: the projection's consumers (one per topic) commit an order's events concurrently,
/// and a change committed after one signal but before the next subscription has no signal of its own, so only that
/// read sees it. (Skipping the read when the signalled events could not complete the view lost such a change: the
/// waiter then slept until its deadline.)
/// </summary>
public sealed class OrderViewWaiter(IOrderViews views, IOrderViewChanges changes)
{
    /// <summary>The view once the condition holds, or as it is when <paramref name="wait"/> runs out; null if there is none.</summary>
    public async Task<OrderView?> WaitAsync(string orderId, int? afterVersion, bool untilComplete, TimeSpan wait, CancellationToken cancellationToken) =>
        await WaitAsync(orderId, null, afterVersion, untilComplete, wait, cancellationToken);

    /// <summary>As <see cref="WaitAsync(string, int?, bool, TimeSpan, CancellationToken)"/>, for the view of one placement when <paramref name="placementId"/> is set.</summary>
    public async Task<OrderView?> WaitAsync(string orderId, string? placementId, int? afterVersion, bool untilComplete, TimeSpan wait, CancellationToken cancellationToken)
    {
        Task<OrderView?> Read(CancellationToken token) =>
            placementId is null ? views.GetAsync(orderId, token) : views.GetPlacementAsync(orderId, placementId, token);
        bool Satisfied(OrderView? v) => v is not null && (afterVersion is not { } n || v.Version > n) && (!untilComplete || v.IsComplete);

        var change = changes.NextChange(orderId);
        var view = await Read(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(wait);
        while (!Satisfied(view))
        {
            try
            {
                await change.WaitAsync(changes.RecheckInterval, deadline.Token);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return await Read(cancellationToken);
            }
            change = changes.NextChange(orderId);
            view = await Read(cancellationToken);
        }
        return view;
    }
}
