using EventFunctions.Contracts;

namespace EventFunctions.ReadSide.OrderViews;

/// <summary>
/// Tells readers waiting on an order which of its events the projection has just committed, so a long poll answers
/// at once. A hint only: readers re-read the view after every signal.
/// </summary>
public interface IOrderViewChanges
{
    /// <summary>
    /// How often a waiting reader must re-read anyway: never, where every change is signalled (projection and API in one
    /// process); a short interval where the projection may run elsewhere.
    /// </summary>
    TimeSpan RecheckInterval { get; }

    /// <summary>The projection committed these events (before publishing anything): wake the readers waiting on their orders, and tell the listeners.</summary>
    void Changed(IReadOnlyList<EventEnvelope> committed);

    /// <summary>
    /// Calls <paramref name="listener"/> with every change this process's projection commits, until disposed. It runs on
    /// the projection's thread, so it must only hand the events on (the order board queues them).
    /// </summary>
    IDisposable Subscribe(Action<IReadOnlyList<EventEnvelope>> listener);

    /// <summary>Completes at the next change of <paramref name="orderId"/>. Take it before reading, so no change falls in between.</summary>
    Task NextChange(string orderId);
}
