namespace EventFunctions.Functions.ProjectOrderView;

/// <summary>
/// Tells readers waiting on an order that its view may have changed, so a long poll answers at once
/// instead of at its next tick. A hint only: readers always re-read the view.
/// </summary>
public interface IOrderViewChanges
{
    void Changed(IEnumerable<string> orderIds);

    /// <summary>Completes when <paramref name="orderId"/> may have changed, or at <paramref name="timeout"/>.</summary>
    Task WaitAsync(string orderId, TimeSpan timeout, CancellationToken cancellationToken);
}
