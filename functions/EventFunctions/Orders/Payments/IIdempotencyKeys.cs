namespace EventFunctions.Orders.Payments;

/// <summary>
/// The gateway's memory of idempotency keys, shared by every instance: the first call under a key is the one that
/// happened, and every later call under it is answered with that one's response.
/// </summary>
public interface IIdempotencyKeys
{
    /// <summary>Stores <paramref name="call"/> unless its key is taken, and returns what the key holds: this call (<c>Claimed</c>) or the first one.</summary>
    Task<(KeyedCall Call, bool Claimed)> ClaimAsync(KeyedCall call, CancellationToken cancellationToken);

    Task<KeyedCall?> FindAsync(string key, CancellationToken cancellationToken);
}

/// <summary>A call as the gateway remembers it: its request and its response, both as JSON.</summary>
public sealed record KeyedCall(string Key, string Request, string Response);
