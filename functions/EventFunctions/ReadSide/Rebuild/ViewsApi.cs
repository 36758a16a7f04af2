using EventFunctions.Http;
using EventFunctions.ReadSide.Versions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EventFunctions.ReadSide.Rebuild;

/// <summary>
/// The operators' routes on read models, written once for both hosts (admin key in Azure): their versions and a
/// build's progress; start a rebuild from the log; roll back; cancel a build; drop the previous version.
/// </summary>
public sealed class ViewsApi(ViewRebuilds rebuilds, TransientFaultGuard guard)
{
    /// <summary>Its routes, under <see cref="ApiRoutes.Prefix"/>, among the operators' ones; the Functions app's triggers name them too.</summary>
    public static class Routes
    {
        public const string Views = ApiRoutes.Operations + "/views";
        public const string View = Views + "/{name}";
        public const string Rebuild = View + "/rebuild";
        public const string Rollback = View + "/rollback";
        public const string Cancel = View + "/cancel";
        public const string DropPrevious = View + "/drop-previous";
    }

    /// <summary>Maps <see cref="Routes"/> onto this API, as the local host serves it.</summary>
    public static void MapRoutes(IEndpointRouteBuilder api)
    {
        api.MapGet(Routes.Views, (ViewsApi views, CancellationToken ct) => views.ListAsync(ct));
        api.MapGet(Routes.View, (string name, ViewsApi views, CancellationToken ct) => views.GetAsync(name, ct));
        api.MapPost(Routes.Rebuild,
            (string name, HttpRequest request, ViewsApi views, CancellationToken ct) => views.RebuildAsync(name, request.Query, ct));
        api.MapPost(Routes.Rollback, (string name, ViewsApi views, CancellationToken ct) => views.RollbackAsync(name, ct));
        api.MapPost(Routes.Cancel, (string name, ViewsApi views, CancellationToken ct) => views.CancelAsync(name, ct));
        api.MapPost(Routes.DropPrevious, (string name, ViewsApi views, CancellationToken ct) => views.DropPreviousAsync(name, ct));
    }

    /// <summary><c>GET operations/views</c>: every read model.</summary>
    public Task<IResult> ListAsync(CancellationToken cancellationToken) =>
        guard.GuardAsync(async () =>
        {
            var views = new List<ViewStatus>();
            foreach (var model in ReadModels.All) views.Add(await rebuilds.StatusAsync(model, cancellationToken));
            return Results.Json(new { views }, ApiJson.Options);
        });

    /// <summary><c>GET operations/views/{name}</c></summary>
    public Task<IResult> GetAsync(string name, CancellationToken cancellationToken) =>
        OnModelAsync(name, model => rebuilds.StatusAsync(model, cancellationToken), StatusCodes.Status200OK);

    /// <summary><c>POST operations/views/{name}/rebuild[?fromRemaining=true]</c>: 202 and where to follow it.</summary>
    public Task<IResult> RebuildAsync(string name, IQueryCollection query, CancellationToken cancellationToken)
    {
        var fromRemaining = query["fromRemaining"].LastOrDefault();
        if (fromRemaining is not (null or "true" or "false"))
            return Task.FromResult(Results.ValidationProblem(new Dictionary<string, string[]> { ["fromRemaining"] = ["fromRemaining must be true or false."] },
                title: "The query is not valid."));
        return OnModelAsync(name, model => rebuilds.StartAsync(model, fromRemaining == "true", cancellationToken), StatusCodes.Status202Accepted);
    }

    /// <summary><c>POST operations/views/{name}/rollback</c></summary>
    public Task<IResult> RollbackAsync(string name, CancellationToken cancellationToken) =>
        OnModelAsync(name, model => rebuilds.RollbackAsync(model, cancellationToken), StatusCodes.Status200OK);

    /// <summary><c>POST operations/views/{name}/cancel</c></summary>
    public Task<IResult> CancelAsync(string name, CancellationToken cancellationToken) =>
        OnModelAsync(name, model => rebuilds.CancelAsync(model, cancellationToken), StatusCodes.Status200OK);

    /// <summary><c>POST operations/views/{name}/drop-previous</c></summary>
    public Task<IResult> DropPreviousAsync(string name, CancellationToken cancellationToken) =>
        OnModelAsync(name, model => rebuilds.DropPreviousAsync(model, cancellationToken), StatusCodes.Status200OK);

    private Task<IResult> OnModelAsync(string name, Func<ReadModel, Task<ViewStatus>> act, int status) =>
        guard.GuardAsync(async () =>
        {
            if (ReadModels.Find(name) is not { } model)
                return Results.Problem($"There is no read model '{name}'; the read models are {string.Join(", ", ReadModels.All.Select(m => m.Name))}.",
                    statusCode: StatusCodes.Status404NotFound, title: "No such read model.");
            try
            {
                var view = await act(model);
                return status == StatusCodes.Status202Accepted
                    ? Results.Json(view, ApiJson.Options, statusCode: status)
                    : Results.Json(view, ApiJson.Options);
            }
            catch (Exception e) when (e is ViewVersionConflictException or RebuildRefusedException)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status409Conflict,
                    title: e is RebuildRefusedException ? "The log no longer holds all of its history." : "Not possible with the read model's versions as they are.");
            }
        });
}
