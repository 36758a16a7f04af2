namespace EventFunctions.ReadSide.OrderViews;

/// <summary>The read side of the order view.</summary>
public interface IOrderViews
{
    Task<OrderView?> GetAsync(string orderId, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrderView>> ListByCustomerAsync(string customerId, CancellationToken cancellationToken);

    /// <summary>The order's events as projected, with their times and emitters; empty if the projection has none.</summary>
    Task<IReadOnlyList<ProjectedEvent>> GetEventsAsync(string orderId, CancellationToken cancellationToken);
}
