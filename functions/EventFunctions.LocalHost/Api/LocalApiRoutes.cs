using EventFunctions.Http;
using EventFunctions.LocalHost.KafkaTrigger;
using EventFunctions.Triggers;

namespace EventFunctions.LocalHost.Api;

/// <summary>The routes the Functions app serves too (<see cref="ApiRoutes"/>), mapped onto the shared <see cref="OrdersApi"/>; health is this host's own.</summary>
public static class LocalApiRoutes
{
    public static void MapPipelineApi(this WebApplication app)
    {
        var api = app.MapGroup("/" + ApiRoutes.Prefix);
        api.MapPost(ApiRoutes.Orders, (HttpRequest request, OrdersApi orders, CancellationToken ct) => orders.PlaceOrderAsync(request, ct));
        api.MapGet(ApiRoutes.Order, (string orderId, HttpRequest request, OrdersApi orders, CancellationToken ct) =>
            orders.GetOrderAsync(orderId, request.Query, ct));
        api.MapGet(ApiRoutes.CustomerOrders, (string customerId, OrdersApi orders, CancellationToken ct) =>
            orders.ListCustomerOrdersAsync(customerId, ct));
        api.MapPut(ApiRoutes.InventoryItem, (string sku, HttpRequest request, OrdersApi orders, CancellationToken ct) =>
            orders.SetInventoryAsync(sku, request, ct));
        api.MapGet(ApiRoutes.InventoryItem, (string sku, OrdersApi orders, CancellationToken ct) => orders.GetInventoryAsync(sku, ct));
        api.MapGet("health", (TriggerHealth triggers, FunctionHealth functions) => LocalHealth.Report(triggers, functions));
    }
}
