namespace EventFunctions.ReadSide.OrderViews;

/// <summary>The read side of the order view.</summary>
public interface IOrderViews
{
    Task<OrderView?> GetAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// The view one placement's client follows (<c>?placement=</c> of a 202 whose claim was deferred): the order's, or,
    /// if another body took the order id, the placement's own rejection.
    /// </summary>
    Task<OrderView?> GetPlacementAsync(string orderId, string placementId, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrderView>> ListByCustomerAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>The order's events as projected, with their times and emitters; empty if the projection has none.</summary>
    Task<IReadOnlyList<ProjectedEvent>> GetEventsAsync(string orderId, CancellationToken cancellationToken);
}
