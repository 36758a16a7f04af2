namespace EventFunctions.Http;

/// <summary>The API's route templates, under <c>/api</c>, served alike by both hosts (the Functions host adds the prefix itself).</summary>
public static class ApiRoutes
{
    public const string Prefix = "api";
    public const string Orders = "orders";
    public const string Order = "orders/{orderId}";
    public const string CustomerOrders = "customers/{customerId}/orders";
    public const string InventoryItem = "inventory/{sku}";
}
