using EventFunctions.Processing;

namespace EventFunctions.ReadSide.OrderViews;

/// <summary>
/// The index row that lists an order under its customer, in the order's own shard: it is written in the same
/// transaction as the order's OrderPlaced fact, and a customer's orders are one range query per shard. A placement
/// accepted while its order id could not be checked (<see cref="OrderPlacements"/>) lists the order under its own
/// customer and names itself: if it loses the id to another body, its row stays (nothing may delete it before the
/// placement is projected) and the customer's list leaves the order out, as it does any order the customer did not place.
/// </summary>
public sealed record CustomerOrder(string CustomerId, string OrderId, string? Placement = null) : StateChange
{
    public const string KeyPrefix = "customer|";

    public const string PlacementProperty = "Placement";

    /// <summary>The row keys of <paramref name="customerId"/>'s orders start with this.</summary>
    public static string RowKeyPrefix(string customerId) => KeyPrefix + customerId + "|";

    public override string RowKey => RowKeyPrefix(CustomerId) + OrderId;

    public override ConflictRule OnConflict => ConflictRule.Upsert;

    public override IReadOnlyDictionary<string, object> Properties => Placement is null
        ? new Dictionary<string, object> { ["OrderId"] = OrderId }
        : new Dictionary<string, object> { ["OrderId"] = OrderId, [PlacementProperty] = Placement };
}
