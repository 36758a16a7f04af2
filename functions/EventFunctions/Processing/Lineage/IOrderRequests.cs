namespace EventFunctions.Processing.Lineage;

/// <summary>
/// The orders the API accepted, each under its id with the fingerprint of what it places (<see cref="OrderFingerprint"/>):
/// what makes an order id an idempotency key at the API, and what tells the functions an OrderPlaced came through it.
/// A claim is written once and never changes.
/// </summary>
public interface IOrderRequests
{
    /// <summary>Claims <paramref name="orderId"/> as <paramref name="claim"/> says unless it is claimed already; returns the claim that holds it.</summary>
    Task<OrderClaim> ClaimAsync(string orderId, OrderClaim claim, CancellationToken cancellationToken);

    /// <summary>The fingerprints of those of <paramref name="orderIds"/> the API accepted.</summary>
    Task<IReadOnlyDictionary<string, string>> FindAsync(IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken);
}

/// <summary>
/// A claim of an order id: the fingerprint of the content holding it, and whether ValidateOrder made it for a
/// placement the API accepted unclaimed (<see cref="OrderPlacement"/>), so that the same request again is re-published
/// under that placement's id, the same event, rather than as a second placement of the order.
/// </summary>
public sealed record OrderClaim(string Fingerprint, bool Deferred);
