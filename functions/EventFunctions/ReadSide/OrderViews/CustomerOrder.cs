using EventFunctions.Processing;

namespace EventFunctions.ReadSide.OrderViews;

/// <summary>
/// The index row that lists an order under its customer, in the order's own shard: it is written in the same
/// transaction as the order's OrderPlaced fact, and a customer's orders are one range query per shard.
/// </summary>
public sealed record CustomerOrder(string CustomerId, string OrderId) : StateChange
{
    public const string KeyPrefix = "customer|";

    /// <summary>The row keys of <paramref name="customerId"/>'s orders start with this.</summary>
    public static string RowKeyPrefix(string customerId) => KeyPrefix + customerId + "|";

    public override string RowKey => RowKeyPrefix(CustomerId) + OrderId;

    public override ConflictRule OnConflict => ConflictRule.Upsert;

    public override IReadOnlyDictionary<string, object> Properties => new Dictionary<string, object> { ["OrderId"] = OrderId };
}
