namespace EventFunctions.Operations.Live;

/// <summary>
/// What follows <see cref="LiveOrders"/>: <see cref="LiveOrdersFeed"/> hands it every apply's changes, on one thread and
/// in order, after the orders took them.
/// </summary>
public interface ILiveOrdersObserver
{
    void Changed(LiveChanges changes);
}
