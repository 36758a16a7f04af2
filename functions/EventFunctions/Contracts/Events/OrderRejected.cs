namespace EventFunctions.Contracts.Events;

/// <summary>
/// The order ends here, for <paramref name="Reason"/>. With <see cref="OrderIdReused"/> it rejects one placement of
/// the order, not the order: a body accepted while its order id could not be checked, which another body took first
/// (see <c>Messaging.OrderPlacement</c>). The order itself goes on under the first body, and the read side files this
/// rejection under the placement it causes from.
/// </summary>
public sealed record OrderRejected(string OrderId, string Reason) : IOrderEvent
{
    public const string OrderIdReused = "orderId already used with different content";

    /// <summary>Whether this rejects a placement that lost its order id to another, rather than the order (a method: not part of the data).</summary>
    public bool RejectsPlacement() => Reason == OrderIdReused;
}
