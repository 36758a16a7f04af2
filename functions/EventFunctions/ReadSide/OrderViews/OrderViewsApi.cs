using EventFunctions.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EventFunctions.ReadSide.OrderViews;

/// <summary>The order view over HTTP, the same under both hosts: an order (or a long poll on it), its timeline, a customer's orders.</summary>
public sealed class OrderViewsApi(IOrderViews views, OrderViewWaiter waiter, TransientFaultGuard guard)
{
    /// <summary>Its routes, under <see cref="ApiRoutes.Prefix"/>; the Functions app's triggers name them too.</summary>
    public static class Routes
    {
        public const string Order = "orders/{orderId}";
        public const string OrderTimeline = "orders/{orderId}/timeline";
        public const string CustomerOrders = "customers/{customerId}/orders";
    }

    /// <summary>Maps <see cref="Routes"/> onto this API, as the local host serves it.</summary>
    public static void MapRoutes(IEndpointRouteBuilder api)
    {
        api.MapGet(Routes.Order,
            (string orderId, HttpRequest request, OrderViewsApi views, CancellationToken ct) => views.GetOrderAsync(orderId, request.Query, ct));
        api.MapGet(Routes.OrderTimeline, (string orderId, OrderViewsApi views, CancellationToken ct) => views.GetOrderTimelineAsync(orderId, ct));
        api.MapGet(Routes.CustomerOrders,
            (string customerId, OrderViewsApi views, CancellationToken ct) => views.ListCustomerOrdersAsync(customerId, ct));
    }

    /// <summary>
    /// The order's view, or a long poll in place of a polling loop: with <c>afterVersion=N</c> it waits until the
    /// view's version passes N, with <c>waitFor=final</c> until it is complete, its status final and every event that
    /// led there in it (both: until both hold), at most <c>waitSeconds</c> (default 30, at most 60), and answers with
    /// whatever the view is then.
    /// </summary>
    public Task<IResult> GetOrderAsync(string orderId, IQueryCollection query, CancellationToken cancellationToken) =>
        guard.GuardAsync(() => GetAsync(orderId, query, cancellationToken));

    private async Task<IResult> GetAsync(string orderId, IQueryCollection query, CancellationToken cancellationToken)
    {
        if (ApiResults.InvalidId("orderId", orderId) is { } invalid) return invalid;
        var (wait, errors) = OrderQuery.Read(query);
        if (wait is null) return Results.ValidationProblem(errors, title: "The query is not valid.");
        var view = wait.Waits
            ? await waiter.WaitAsync(orderId, wait.Placement, wait.AfterVersion, wait.UntilComplete, wait.Wait, cancellationToken)
            : wait.Placement is { } placement
                ? await views.GetPlacementAsync(orderId, placement, cancellationToken)
                : await views.GetAsync(orderId, cancellationToken);
        return view is null ? ApiResults.NotFound("order", orderId) : Results.Json(view, ApiJson.Options);
    }

    /// <summary>The order's events in creation order: which function emitted each, when, and how long each step took.</summary>
    public Task<IResult> GetOrderTimelineAsync(string orderId, CancellationToken cancellationToken) =>
        guard.GuardAsync(async () => ApiResults.InvalidId("orderId", orderId)
            ?? (await views.GetEventsAsync(orderId, cancellationToken) is { Count: > 0 } events
                ? Results.Json(OrderTimeline.Of(orderId, events), ApiJson.Options)
                : ApiResults.NotFound("order", orderId)));

    /// <summary>A customer's orders: only those the customer placed, whatever an index row claims (the view folds the first OrderPlaced).</summary>
    public Task<IResult> ListCustomerOrdersAsync(string customerId, CancellationToken cancellationToken) =>
        guard.GuardAsync(async () => ApiResults.InvalidId("customerId", customerId)
            ?? Results.Json((await views.ListByCustomerAsync(customerId, cancellationToken)).Where(v => v.CustomerId == customerId), ApiJson.Options));
}
