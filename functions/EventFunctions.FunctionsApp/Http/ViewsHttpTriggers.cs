using EventFunctions.ReadSide.Rebuild;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.FunctionsApp.Http;

/// <summary>
/// The read models' operations (<see cref="ViewsApi"/>) on the Functions host, with the admin key. The builds
/// themselves run in the worker's background (<see cref="ReadSide.Rebuild.ViewRebuildWorker"/>), on every instance.
/// </summary>
public sealed class ViewsHttpTriggers(ViewsApi views)
{
    [Function("ListViews")]
    public Task<IResult> ListViews(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = ViewsApi.Routes.Views)] HttpRequest request,
        CancellationToken cancellationToken) =>
        views.ListAsync(cancellationToken);

    [Function("GetView")]
    public Task<IResult> GetView(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = ViewsApi.Routes.View)] HttpRequest request,
        string name,
        CancellationToken cancellationToken) =>
        views.GetAsync(name, cancellationToken);

    [Function("RebuildView")]
    public Task<IResult> RebuildView(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = ViewsApi.Routes.Rebuild)] HttpRequest request,
        string name,
        CancellationToken cancellationToken) =>
        views.RebuildAsync(name, request.Query, cancellationToken);

    [Function("RollbackView")]
    public Task<IResult> RollbackView(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = ViewsApi.Routes.Rollback)] HttpRequest request,
        string name,
        CancellationToken cancellationToken) =>
        views.RollbackAsync(name, cancellationToken);

    [Function("CancelViewBuild")]
    public Task<IResult> CancelViewBuild(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = ViewsApi.Routes.Cancel)] HttpRequest request,
        string name,
        CancellationToken cancellationToken) =>
        views.CancelAsync(name, cancellationToken);

    [Function("DropPreviousView")]
    public Task<IResult> DropPreviousView(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = ViewsApi.Routes.DropPrevious)] HttpRequest request,
        string name,
        CancellationToken cancellationToken) =>
        views.DropPreviousAsync(name, cancellationToken);
}
