namespace EventFunctions.Processing.Lineage;

/// <summary>
/// The orders the API accepted, each under its id with the fingerprint of what it places (<see cref="OrderFingerprint"/>):
/// what makes an order id an idempotency key at the API, and what tells the functions an OrderPlaced came through it.
/// A claim is written once and never changes.
/// </summary>
public interface IOrderRequests
{
    /// <summary>Claims <paramref name="orderId"/> for <paramref name="fingerprint"/> unless it is claimed already; returns the fingerprint it holds.</summary>
    Task<string> ClaimAsync(string orderId, string fingerprint, CancellationToken cancellationToken);

    /// <summary>The fingerprints of those of <paramref name="orderIds"/> the API accepted.</summary>
    Task<IReadOnlyDictionary<string, string>> FindAsync(IReadOnlyCollection<string> orderIds, CancellationToken cancellationToken);
}
