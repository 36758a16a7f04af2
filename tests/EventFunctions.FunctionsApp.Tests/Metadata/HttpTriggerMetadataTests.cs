using EventFunctions.Hosting;
using EventFunctions.Http;
using EventFunctions.LocalHost.Api;
using EventFunctions.LocalHost.KafkaTrigger;
using EventFunctions.Messaging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EventFunctions.FunctionsApp.Tests.Metadata;

/// <summary>
/// The HTTP and timer triggers as the Functions host will bind them (from what the real Worker.Sdk generated): the
/// local host's API, the same methods on the same routes, health included. The local host's <c>admin/</c> spelling of
/// the operators' routes (which the Functions host refuses) is a rewrite before routing, so it maps no route of its own.
/// </summary>
[Trait("Category", "Metadata")]
public sealed class HttpTriggerMetadataTests
{
    [Theory]
    [MemberData(nameof(MetadataSources.Both), MemberType = typeof(MetadataSources))]
    public void The_app_serves_every_route_of_the_local_host_with_the_same_methods(string source)
    {
        var declared = HttpTriggers(source)
            .SelectMany(t => t.Binding["methods"]!.AsArray().Select(m => (Method: ((string)m!).ToUpperInvariant(), Route: $"/{ApiRoutes.Prefix}/{t.Binding.Value("route")}")))
            .Order().ToList();

        Assert.Equal(LocalHostRoutes().Order(), declared);
    }

    [Theory]
    [MemberData(nameof(MetadataSources.Both), MemberType = typeof(MetadataSources))]
    public void Every_request_is_answered_by_the_functions_return_value(string source)
    {
        Assert.All(HttpTriggers(source), t =>
        {
            Assert.Equal("In", t.Binding.Value("direction"));
            var output = Assert.Single(t.Function.Bindings, b => b.Value("direction") == "Out");
            Assert.Equal(("http", "$return"), (output.Value("type"), output.Value("name")));
        });
    }

    [Theory]
    [MemberData(nameof(MetadataSources.Both), MemberType = typeof(MetadataSources))]
    public void No_route_starts_with_admin_which_the_Functions_host_reserves(string source)
    {
        Assert.All(HttpTriggers(source), t => Assert.False(t.Binding.Value("route")!.StartsWith("admin", StringComparison.OrdinalIgnoreCase), t.Binding.Value("route")));
    }

    [Theory]
    [MemberData(nameof(MetadataSources.Both), MemberType = typeof(MetadataSources))]
    public void Order_routes_ask_for_a_function_key_and_operators_routes_for_the_admin_key_in_Azure(string source)
    {
        var triggers = HttpTriggers(source);

        Assert.All(triggers, t => Assert.Equal(
            t.Binding.Value("route")!.StartsWith("operations/", StringComparison.Ordinal) ? "Admin" : "Function",
            t.Binding.Value("authLevel")));
        Assert.Equal(9, triggers.Count(t => t.Binding.Value("authLevel") == "Admin"));
    }

    [Theory]
    [MemberData(nameof(MetadataSources.Both), MemberType = typeof(MetadataSources))]
    public void The_overdue_scan_and_the_keeper_of_view_builds_run_on_a_timer_every_minute(string source)
    {
        var timers = MetadataSources.Read(source).Where(f => f.Trigger.Value("type") == "timerTrigger").ToDictionary(f => f.Name);

        Assert.Equal(["KeepViewBuildsRunning", "ReportOverdueOrders"], timers.Keys.Order());
        Assert.All(timers.Values, timer => Assert.Equal("0 * * * * *", timer.Trigger.Value("schedule")));
    }

    private static List<(DeclaredFunction Function, System.Text.Json.Nodes.JsonObject Binding)> HttpTriggers(string source) =>
        MetadataSources.Read(source).Where(f => f.Trigger.Value("type") == "httpTrigger").Select(f => (f, f.Trigger)).ToList();

    private static List<(string Method, string Route)> LocalHostRoutes()
    {
        var builder = WebApplication.CreateBuilder();
        // Registered, not started: the route handlers' services must be known for their parameters to bind.
        builder.Services.AddEventFunctionsPipeline(new KafkaConnection("127.0.0.1:9092"), builder.Configuration);
        builder.Services.AddSingleton<PartitionAssignments>();
        var web = builder.Build();
        web.MapPipelineApi();
        return ((IEndpointRouteBuilder)web).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Method: m, Route: e.RoutePattern.RawText!)))
            .ToList();
    }
}
