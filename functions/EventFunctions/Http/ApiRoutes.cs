
namespace EventFunctions.Http;

/// <summary>The API's route templates, under <c>/api</c>, served alike by both hosts (the Functions host adds the prefix itself).</summary>
public static class ApiRoutes
{
    public const string Prefix = "api";
    public const string Orders = "orders";
    public const string Order = "orders/{orderId}";
    public const string OrderTimeline = "orders/{orderId}/timeline";
    public const string CustomerOrders = "customers/{customerId}/orders";
    public const string InventoryItem = "inventory/{sku}";
    public const string SkuSales = "sales/{sku}";

    // Operators' routes. Not under "admin": the Functions host refuses routes that start so (azure-functions-host#1781).
    public const string DeadLetters = "operations/dead-letters";
    public const string RedriveDeadLetters = "operations/dead-letters/redrive";
    public const string OverdueOrders = "operations/orders/overdue";
    public const string Views = "operations/views";
    public const string View = "operations/views/{name}";
    public const string RebuildView = "operations/views/{name}/rebuild";
    public const string RollbackView = "operations/views/{name}/rollback";
    public const string CancelViewBuild = "operations/views/{name}/cancel";
    public const string DropPreviousView = "operations/views/{name}/drop-previous";

    // The live order board's data, served by the local host (docs/observability.md, "The order board").
    public const string Board = "board";
    public const string BoardStream = "board/stream";
}
