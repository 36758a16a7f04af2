using EventFunctions.Contracts.Events;

namespace EventFunctions.Functions.ProjectOrderView;

/// <summary>
/// Tells readers waiting on an order which of its events the projection has just committed, so a long poll answers
/// at once, and re-reads only when the change can matter to it. A hint only: readers always re-read the view.
/// </summary>
public interface IOrderViewChanges
{
    /// <summary>
    /// How often a waiting reader must re-read anyway: never, where every change is signalled (projection and API in one
    /// process); a short interval where the projection may run elsewhere.
    /// </summary>
    TimeSpan RecheckInterval { get; }

    void Changed(IEnumerable<IOrderEvent> committed);

    /// <summary>Completes with the events of the next change of <paramref name="orderId"/>. Take it before reading, so no change falls in between.</summary>
    Task<IReadOnlyList<IOrderEvent>> NextChange(string orderId);
}
