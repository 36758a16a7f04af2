namespace EventFunctions.Functions.ProjectOrderView;

/// <summary>The read side of the order view.</summary>
public interface IOrderViews
{
    Task<OrderView?> GetAsync(string orderId, CancellationToken cancellationToken);

    Task<IReadOnlyList<OrderView>> ListByCustomerAsync(string customerId, CancellationToken cancellationToken);
}
