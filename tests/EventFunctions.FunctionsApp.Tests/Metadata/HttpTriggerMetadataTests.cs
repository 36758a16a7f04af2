using EventFunctions.Hosting;
using EventFunctions.Http;
using EventFunctions.LocalHost.Api;
using EventFunctions.LocalHost.KafkaTrigger;
using EventFunctions.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;

namespace EventFunctions.FunctionsApp.Tests.Bindings;

/// <summary>
/// The Functions app serves the local host's API: the same methods on the same routes, health included, apart from
/// the local host's <c>admin/</c> spelling of the operators' routes (which the Functions host refuses).
/// </summary>
public sealed class HttpRouteTests
{
    [Fact]
    public void The_app_serves_every_route_of_the_local_host_with_the_same_methods()
    {
        var app = AppFunctions.WithTrigger<HttpTriggerAttribute>()
            .SelectMany(t => t.Trigger.Methods!.Select(m => (Method: m.ToUpperInvariant(), Route: $"/{ApiRoutes.Prefix}/{t.Trigger.Route}")))
            .Order().ToList();

        Assert.Equal(LocalHostRoutes().Where(r => !r.Route.StartsWith($"/api/{LocalApiRoutes.AdminAlias}/")).Order(), app);
    }

    [Fact]
    public void No_route_starts_with_admin_which_the_Functions_host_reserves()
    {
        Assert.All(AppFunctions.WithTrigger<HttpTriggerAttribute>(), t => Assert.False(t.Trigger.Route!.StartsWith("admin", StringComparison.OrdinalIgnoreCase), t.Trigger.Route));
    }

    [Fact]
    public void Order_routes_ask_for_a_function_key_and_operators_routes_for_the_admin_key_in_Azure()
    {
        Assert.All(AppFunctions.WithTrigger<HttpTriggerAttribute>(), t => Assert.Equal(
            t.Trigger.Route!.StartsWith("operations/", StringComparison.Ordinal) ? AuthorizationLevel.Admin : AuthorizationLevel.Function,
            t.Trigger.AuthLevel));
        Assert.Equal(3, AppFunctions.WithTrigger<HttpTriggerAttribute>().Count(t => t.Trigger.AuthLevel == AuthorizationLevel.Admin));
    }

    [Fact]
    public void The_overdue_scan_runs_on_a_timer_every_minute()
    {
        var (method, _, timer) = Assert.Single(AppFunctions.WithTrigger<TimerTriggerAttribute>());
        Assert.Equal("ReportOverdueOrders", AppFunctions.NameOf(method));
        Assert.Equal("0 * * * * *", timer.Schedule);
    }

    private static List<(string Method, string Route)> LocalHostRoutes()
    {
        var builder = WebApplication.CreateBuilder();
        // Registered, not started: the route handlers' services must be known for their parameters to bind.
        builder.Services.AddEventFunctionsPipeline(new KafkaConnection("127.0.0.1:9092"), builder.Configuration);
        builder.Services.AddSingleton<TriggerHealth>();
        var web = builder.Build();
        web.MapPipelineApi();
        return ((IEndpointRouteBuilder)web).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods.Select(m => (Method: m, Route: e.RoutePattern.RawText!)))
            .ToList();
    }
}
