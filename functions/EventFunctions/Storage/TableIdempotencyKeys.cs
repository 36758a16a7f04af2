using Azure;
using Azure.Data.Tables;
using EventFunctions.Payments;

namespace EventFunctions.Storage;

/// <summary>
/// The simulated gateway's idempotency keys in their own table: one row per key, inserted once. An insert that
/// finds the key taken (409) reads the first call instead, so two instances racing on a key agree on one answer.
/// Its round trips are counted as the gateway's, not the calling function's.
/// </summary>
public sealed class TableIdempotencyKeys(TableStorage tables) : IIdempotencyKeys
{
    public const string Caller = "payment gateway (simulated)";

    private const string RequestProperty = "Request";
    private const string ResponseProperty = "Response";

    private TableClient Table => tables.Table(TableStorage.PaymentGateway);

    public async Task<(KeyedCall Call, bool Claimed)> ClaimAsync(KeyedCall call, CancellationToken cancellationToken)
    {
        using var _ = StorageRoundTrips.AttributeTo(Caller);
        try
        {
            await Table.AddEntityAsync(new TableEntity(PartitionOf(call.Key), call.Key)
            {
                [RequestProperty] = call.Request,
                [ResponseProperty] = call.Response,
            }, cancellationToken);
            return (call, true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var first = await FindAsync(call.Key, cancellationToken);
            return (first ?? throw new InvalidOperationException($"Idempotency key '{call.Key}' exists but cannot be read."), false);
        }
    }

    public async Task<KeyedCall?> FindAsync(string key, CancellationToken cancellationToken)
    {
        using var _ = StorageRoundTrips.AttributeTo(Caller);
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(PartitionOf(key), key, cancellationToken: cancellationToken);
        return row.HasValue ? new KeyedCall(key, row.Value!.GetString(RequestProperty), row.Value.GetString(ResponseProperty)) : null;
    }

    /// <summary>Keys are UUIDs: their first hex digit spreads them over 16 partitions.</summary>
    private static string PartitionOf(string key) => "keys-" + char.ToLowerInvariant(key[0]);
}
