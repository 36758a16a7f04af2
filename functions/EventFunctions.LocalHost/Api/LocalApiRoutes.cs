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
/// The routes the Functions app serves too: each shared API maps its own (<see cref="OrdersApi.MapRoutes"/>, ...).
/// Health is this host's own, and so is the <c>admin/</c> spelling of the operators' routes, which the Functions host refuses.
/// </summary>
public static class LocalApiRoutes
{
    private const string AdminAlias = "admin";

    public static void MapPipelineApi(this WebApplication app)
    {
        var api = app.MapGroup("/" + ApiRoutes.Prefix);
        OrdersApi.MapRoutes(api);
        OrderViewsApi.MapRoutes(api);
        InventoryApi.MapRoutes(api);
        SalesApi.MapRoutes(api);
        OperationsApi.MapRoutes(api);
        ViewsApi.MapRoutes(api);
        api.MapGet("health", (PartitionAssignments triggers, TransientFaults functions) => HealthEndpoint.Report(triggers, functions));
    }

    /// <summary>
    /// Serves every operators' route under <c>admin/</c> as well, as <c>operations/</c> (the spelling the Functions host
    /// refuses): the path is rewritten before routing, so the APIs map each route once.
    /// </summary>
    public static void UseAdminAlias(this WebApplication app)
    {
        var alias = new PathString($"/{ApiRoutes.Prefix}/{AdminAlias}");
        var operations = new PathString($"/{ApiRoutes.Prefix}/{ApiRoutes.Operations}");
        app.Use((context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(alias, out var rest)) context.Request.Path = operations.Add(rest);
            return next(context);
        });
        // After the rewrite: without it, WebApplication routes first, before any middleware of the app's own.
        app.UseRouting();
    }

    /// <summary>
    /// <c>./run.sh infra</c> serves no API (<c>func start</c> serves it), only a health route that says what it runs,
    /// so nothing accepts orders that no function would process.
    /// </summary>
    public static void MapInfrastructureHealth(this WebApplication app) =>
        app.MapGet($"/{ApiRoutes.Prefix}/health", (EventFunctions.Messaging.KafkaConnection kafka, EventFunctions.Storage.TableStorage tables) =>
            Results.Ok(new { status = "infrastructure", kafkaBrokerList = kafka.BrokerList, tableEndpoint = tables.Service.Uri }));
}
