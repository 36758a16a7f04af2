using EventFunctions.Http;
using EventFunctions.LocalHost.KafkaTrigger;
using EventFunctions.Operations;
using EventFunctions.Orders.Intake;
using EventFunctions.Orders.Inventory;
using EventFunctions.Processing.Retries;
using EventFunctions.ReadSide.DailySales;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.ReadSide.Rebuild;

namespace EventFunctions.LocalHost.Api;

/// <summary>
/// The routes the Functions app serves too (<see cref="ApiRoutes"/>), mapped onto the shared APIs
/// (<see cref="OrdersApi"/>, <see cref="OrderViewsApi"/>, <see cref="InventoryApi"/>, <see cref="OperationsApi"/>, ...);
/// health is this host's own, and so is the <c>admin/</c> spelling of the operators' routes, which the Functions host refuses.
/// </summary>
public static class LocalApiRoutes
{
    public const string AdminAlias = "admin";

    public static void MapPipelineApi(this WebApplication app)
    {
        var api = app.MapGroup("/" + ApiRoutes.Prefix);
        api.MapPost(ApiRoutes.Orders, (HttpRequest request, OrdersApi orders, CancellationToken ct) => orders.PlaceOrderAsync(request, ct));
        api.MapGet(ApiRoutes.Order, (string orderId, HttpRequest request, OrderViewsApi views, CancellationToken ct) =>
            views.GetOrderAsync(orderId, request.Query, ct));
        api.MapGet(ApiRoutes.OrderTimeline, (string orderId, OrderViewsApi views, CancellationToken ct) => views.GetOrderTimelineAsync(orderId, ct));
        api.MapGet(ApiRoutes.CustomerOrders, (string customerId, OrderViewsApi views, CancellationToken ct) =>
            views.ListCustomerOrdersAsync(customerId, ct));
        api.MapPut(ApiRoutes.InventoryItem, (string sku, HttpRequest request, InventoryApi inventory, CancellationToken ct) =>
            inventory.SetInventoryAsync(sku, request, ct));
        api.MapGet(ApiRoutes.InventoryItem, (string sku, InventoryApi inventory, CancellationToken ct) => inventory.GetInventoryAsync(sku, ct));

        foreach (var route in new[] { ApiRoutes.DeadLetters, Alias(ApiRoutes.DeadLetters) })
            api.MapGet(route, (HttpRequest request, OperationsApi operations, CancellationToken ct) => operations.ListDeadLettersAsync(request.Query, ct));
        foreach (var route in new[] { ApiRoutes.RedriveDeadLetters, Alias(ApiRoutes.RedriveDeadLetters) })
            api.MapPost(route, (HttpRequest request, OperationsApi operations, CancellationToken ct) => operations.RedriveDeadLettersAsync(request, ct));
        foreach (var route in new[] { ApiRoutes.OverdueOrders, Alias(ApiRoutes.OverdueOrders) })
            api.MapGet(route, (OperationsApi operations, CancellationToken ct) => operations.ListOverdueOrdersAsync(ct));

        api.MapGet(ApiRoutes.SkuSales, (string sku, HttpRequest request, SalesApi sales, CancellationToken ct) => sales.GetAsync(sku, request.Query, ct));
        foreach (var route in new[] { ApiRoutes.Views, Alias(ApiRoutes.Views) })
            api.MapGet(route, (ViewsApi views, CancellationToken ct) => views.ListAsync(ct));
        foreach (var route in new[] { ApiRoutes.View, Alias(ApiRoutes.View) })
            api.MapGet(route, (string name, ViewsApi views, CancellationToken ct) => views.GetAsync(name, ct));
        foreach (var route in new[] { ApiRoutes.RebuildView, Alias(ApiRoutes.RebuildView) })
            api.MapPost(route, (string name, HttpRequest request, ViewsApi views, CancellationToken ct) => views.RebuildAsync(name, request.Query, ct));
        foreach (var route in new[] { ApiRoutes.RollbackView, Alias(ApiRoutes.RollbackView) })
            api.MapPost(route, (string name, ViewsApi views, CancellationToken ct) => views.RollbackAsync(name, ct));
        foreach (var route in new[] { ApiRoutes.CancelViewBuild, Alias(ApiRoutes.CancelViewBuild) })
            api.MapPost(route, (string name, ViewsApi views, CancellationToken ct) => views.CancelAsync(name, ct));
        foreach (var route in new[] { ApiRoutes.DropPreviousView, Alias(ApiRoutes.DropPreviousView) })
            api.MapPost(route, (string name, ViewsApi views, CancellationToken ct) => views.DropPreviousAsync(name, ct));

        api.MapGet("health", (PartitionAssignments triggers, TransientFaults functions) => HealthEndpoint.Report(triggers, functions));
    }

    /// <summary>
    /// <c>./run.sh infra</c> serves no API (<c>func start</c> serves it), only a health route that says what it runs,
    /// so nothing accepts orders that no function would process.
    /// </summary>
    public static void MapInfrastructureHealth(this WebApplication app) =>
        app.MapGet($"/{ApiRoutes.Prefix}/health", (EventFunctions.Messaging.KafkaConnection kafka, EventFunctions.Storage.TableStorage tables) =>
            Results.Ok(new { status = "infrastructure", kafkaBrokerList = kafka.BrokerList, tableEndpoint = tables.Service.Uri }));

    /// <summary><c>operations/x</c> as <c>admin/x</c>.</summary>
    public static string Alias(string operationsRoute) => AdminAlias + operationsRoute["operations".Length..];
}
