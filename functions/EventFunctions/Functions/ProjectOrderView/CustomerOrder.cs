using EventFunctions.Storage;

namespace EventFunctions.Functions.ProjectOrderView;

/// <summary>
/// The index row that lists an order under its customer. Customers share a few index partitions (by hash), with
/// the customer id leading the row key: one customer's orders are one range query, and a batch of orders from
/// many customers updates at most <see cref="Contracts.Topics.Partitions"/> partitions.
/// </summary>
public sealed record CustomerOrder(string CustomerId, string OrderId) : StateChange
{
    public static string PartitionOf(string customerId) => "customers-" + OrderShard.KafkaPartitionOf(customerId, Contracts.Topics.Partitions).ToString("D2");

    /// <summary>The row keys of <paramref name="customerId"/>'s orders start with this.</summary>
    public static string RowKeyPrefix(string customerId) => customerId + "|";

    public override string RowKey => RowKeyPrefix(CustomerId) + OrderId;

    public override string? Partition => PartitionOf(CustomerId);

    public override ConflictRule OnConflict => ConflictRule.Upsert;

    public override IReadOnlyDictionary<string, object> Properties => new Dictionary<string, object> { ["OrderId"] = OrderId };
}
