using EventFunctions.Processing;

namespace EventFunctions.ReadSide.OrderViews;

/// <summary>
/// An order's row in its shard's list of open orders, which the overdue scan reads. The order is listed open when it
/// is placed (the first write wins) and closed by the event that ends it (which overwrites): the five topics are not
/// ordered relative to each other, so a closing event may come first, and then the opening write is dropped.
/// </summary>
public sealed record OpenOrder(string OrderId, bool Open, DateTimeOffset At) : StateChange
{
    public const string RowKeyPrefix = "open|";
    public const string OpenProperty = "Open";
    public const string PlacedAtProperty = "PlacedAt";
    public const string ClosedAtProperty = "ClosedAt";

    public static OpenOrder Placed(string orderId, DateTimeOffset at) => new(orderId, Open: true, at);

    public static OpenOrder Ended(string orderId, DateTimeOffset at) => new(orderId, Open: false, at);

    public override string RowKey => RowKeyPrefix + OrderId;

    public override ConflictRule OnConflict => Open ? ConflictRule.FirstWins : ConflictRule.Upsert;

    public override IReadOnlyDictionary<string, object> Properties => new Dictionary<string, object>
    {
        ["OrderId"] = OrderId,
        [OpenProperty] = Open,
        [Open ? PlacedAtProperty : ClosedAtProperty] = At,
    };
}
