using EventFunctions.Orders.Intake;
using EventFunctions.Orders.Inventory;
using EventFunctions.ReadSide.OrderViews;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.FunctionsApp.Http;

/// <summary>
/// The local host's API on the Functions host (ASP.NET Core integration): the routes each API declares (<see cref="OrdersApi.Routes"/>, ...),
/// each handed to the shared <see cref="OrdersApi"/>, <see cref="OrderViewsApi"/> or <see cref="InventoryApi"/>, so
/// validation and responses are written once. In Azure every
/// route asks for a function key (<c>x-functions-key</c> header or <c>?code=</c>); <c>func start</c> does not.
/// </summary>
public sealed class OrdersHttpTriggers(OrdersApi orders, OrderViewsApi views, InventoryApi inventory)
{
    [Function("PlaceOrder")]
    public Task<IResult> PlaceOrder(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = OrdersApi.Routes.Orders)] HttpRequest request,
        CancellationToken cancellationToken) =>
        orders.PlaceOrderAsync(request, cancellationToken);

    [Function("GetOrder")]
    public Task<IResult> GetOrder(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = OrderViewsApi.Routes.Order)] HttpRequest request,
        string orderId,
        CancellationToken cancellationToken) =>
        views.GetOrderAsync(orderId, request.Query, cancellationToken);

    [Function("GetOrderTimeline")]
    public Task<IResult> GetOrderTimeline(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = OrderViewsApi.Routes.OrderTimeline)] HttpRequest request,
        string orderId,
        CancellationToken cancellationToken) =>
        views.GetOrderTimelineAsync(orderId, cancellationToken);

    [Function("ListCustomerOrders")]
    public Task<IResult> ListCustomerOrders(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = OrderViewsApi.Routes.CustomerOrders)] HttpRequest request,
        string customerId,
        CancellationToken cancellationToken) =>
        views.ListCustomerOrdersAsync(customerId, cancellationToken);

    [Function("SetInventory")]
    public Task<IResult> SetInventory(
        [HttpTrigger(AuthorizationLevel.Function, "put", Route = InventoryApi.Routes.Item)] HttpRequest request,
        string sku,
        CancellationToken cancellationToken) =>
        inventory.SetInventoryAsync(sku, request, cancellationToken);

    [Function("GetInventory")]
    public Task<IResult> GetInventory(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = InventoryApi.Routes.Item)] HttpRequest request,
        string sku,
        CancellationToken cancellationToken) =>
        inventory.GetInventoryAsync(sku, cancellationToken);
}
