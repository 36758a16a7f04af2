namespace EventFunctions.Functions.ProjectOrderView;

/// <summary>The index row that lists an order under its customer, in the customer's own partition.</summary>
public sealed record CustomerOrder(string CustomerId, string OrderId) : StateChange
{
    public static string PartitionOf(string customerId) => "customer-" + customerId;

    public override string RowKey => OrderId;

    public override string? Partition => PartitionOf(CustomerId);

    public override ConflictRule OnConflict => ConflictRule.Upsert;

    public override IReadOnlyDictionary<string, object> Properties => new Dictionary<string, object> { ["OrderId"] = OrderId };
}
