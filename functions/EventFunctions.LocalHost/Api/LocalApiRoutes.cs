using EventFunctions.Http;
using EventFunctions.LocalHost.KafkaTrigger;

namespace EventFunctions.LocalHost.Api;

/// <summary>The routes the Functions app serves too, mapped onto the shared <see cref="OrdersApi"/>.</summary>
public static class ApiRoutes
{
    public static void MapPipelineApi(this WebApplication app)
    {
        var api = app.MapGroup("/api");
        api.MapPost("/orders", (HttpRequest request, OrdersApi orders, CancellationToken ct) => orders.PlaceOrderAsync(request, ct));
        api.MapGet("/orders/{orderId}", (string orderId, int? afterVersion, string? waitFor, int? waitSeconds, OrdersApi orders, CancellationToken ct) =>
            orders.GetOrderAsync(orderId, afterVersion, waitFor, waitSeconds, ct));
        api.MapGet("/customers/{customerId}/orders", (string customerId, OrdersApi orders, CancellationToken ct) =>
            orders.ListCustomerOrdersAsync(customerId, ct));
        api.MapPut("/inventory/{sku}", (string sku, HttpRequest request, OrdersApi orders, CancellationToken ct) =>
            orders.SetInventoryAsync(sku, request, ct));
        api.MapGet("/inventory/{sku}", (string sku, OrdersApi orders, CancellationToken ct) => orders.GetInventoryAsync(sku, ct));
        api.MapGet("/health", (TriggerHealth health) => health.IsReady
            ? Results.Ok(new { status = "ready", partitions = health.PartitionCounts })
            : Results.Json(new { status = "starting", partitions = health.PartitionCounts }, statusCode: StatusCodes.Status503ServiceUnavailable));
    }
}
