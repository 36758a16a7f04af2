using Azure;
using Azure.Data.Tables;
using EventFunctions.Storage;

namespace EventFunctions.Orders.Payments;

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

    /// <summary>Keys claimed together (a batch's charges) share a transaction per partition.</summary>
    private readonly InsertOnceBatches keys = new(tables.Table(TableStorage.PaymentGateway), Caller);

    public async Task<(KeyedCall Call, bool Claimed)> ClaimAsync(KeyedCall call, CancellationToken cancellationToken)
    {
        var first = await keys.InsertAsync(new TableEntity(PartitionOf(call.Key), call.Key)
        {
            [RequestProperty] = call.Request,
            [ResponseProperty] = call.Response,
        }, cancellationToken);
        return first is null ? (call, true) : (new KeyedCall(call.Key, first.GetString(RequestProperty), first.GetString(ResponseProperty)), false);
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
