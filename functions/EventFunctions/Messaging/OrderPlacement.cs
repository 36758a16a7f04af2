using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;

namespace EventFunctions.Messaging;

/// <summary>
/// The id the API gives an OrderPlaced, which says whether its order id was claimed before it was published.
/// <list type="bullet">
/// <item>Claimed (the usual case): the order's one id, so a retried request re-publishes the same event.</item>
/// <item>Deferred: Table Storage could not answer the claim in time, and the order was accepted anyway. Its id is
/// derived from its content too. Two different bodies posted for one order id during an outage are then two events,
/// not one event twice. ValidateOrder claims the id for such a placement in log order, so the first takes the id and
/// a later one with other content ends Rejected.</item>
/// </list>
/// The id is the whole marker: no header or field to add, and a record signed by the API cannot claim to be deferred
/// unless its id was made from its content.
/// </summary>
public static class OrderPlacement
{
    /// <summary>The writer of <see cref="Topics.OrdersPlaced"/>.</summary>
    public const string Writer = Topics.ApiWriter;

    public static string ClaimedId(string orderId) => DeterministicId.For(Writer, orderId);

    public static string DeferredId(string orderId, string fingerprint) => DeterministicId.For(Writer, $"{orderId}\n{fingerprint}");

    /// <summary>Whether <paramref name="envelope"/> is an OrderPlaced the API accepted without checking its claim.</summary>
    public static bool IsDeferred(EventEnvelope envelope) =>
        envelope.Data is OrderPlaced placed && envelope.Id != ClaimedId(placed.OrderId)
        && envelope.Id == DeferredId(placed.OrderId, OrderFingerprint.Of(placed));
}
