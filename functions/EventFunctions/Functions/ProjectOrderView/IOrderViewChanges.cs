namespace EventFunctions.Functions.ProjectOrderView;

/// <summary>
/// Tells readers waiting on an order that its view may have changed, so a long poll answers at once instead of
/// at its next re-read. A hint only: readers always re-read the view.
/// </summary>
public interface IOrderViewChanges
{
    /// <summary>
    /// How often a waiting reader must re-read anyway: never, where every change is signalled (projection and API in one
    /// process); a short interval where the projection may run elsewhere.
    /// </summary>
    TimeSpan RecheckInterval { get; }

    void Changed(IEnumerable<string> orderIds);

    /// <summary>A task that completes at the next change of <paramref name="orderId"/>. Take it before reading, so no change falls in between.</summary>
    Task NextChange(string orderId);
}
