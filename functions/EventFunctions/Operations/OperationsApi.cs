using System.Globalization;
using EventFunctions.Http;
using EventFunctions.Operations.DeadLetterQueue;
using EventFunctions.Operations.Overdue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EventFunctions.Operations;

/// <summary>
/// The operators' API, written once for both hosts: dead letters listed and put back, overdue orders listed. In Azure
/// these routes ask for the admin (master) key.
/// </summary>
public sealed class OperationsApi(DeadLetterRedrive deadLetters, OverdueOrderScan overdue, TransientFaultGuard guard, Microsoft.Extensions.Logging.ILogger<OperationsApi> logger)
{
    /// <summary>Its routes, under <see cref="ApiRoutes.Prefix"/>; the Functions app's triggers name them too.</summary>
    public static class Routes
    {
        public const string DeadLetters = ApiRoutes.Operations + "/dead-letters";
        public const string RedriveDeadLetters = DeadLetters + "/redrive";
        public const string OverdueOrders = ApiRoutes.Operations + "/orders/overdue";
    }

    /// <summary>Maps <see cref="Routes"/> onto this API, as the local host serves it.</summary>
    public static void MapRoutes(IEndpointRouteBuilder api)
    {
        api.MapGet(Routes.DeadLetters,
            (HttpRequest request, OperationsApi operations, CancellationToken ct) => operations.ListDeadLettersAsync(request.Query, ct));
        api.MapPost(Routes.RedriveDeadLetters,
            (HttpRequest request, OperationsApi operations, CancellationToken ct) => operations.RedriveDeadLettersAsync(request, ct));
        api.MapGet(Routes.OverdueOrders, (OperationsApi operations, CancellationToken ct) => operations.ListOverdueOrdersAsync(ct));
    }

    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    /// <summary><c>GET operations/dead-letters?topic=&amp;consumerGroup=&amp;orderId=&amp;reason=&amp;limit=</c></summary>
    public Task<IResult> ListDeadLettersAsync(IQueryCollection query, CancellationToken cancellationToken) =>
        guard.GuardAsync(async () =>
        {
            var filter = new DeadLetterFilter(Text(query, "topic"), Text(query, "consumerGroup"), Text(query, "orderId"), Text(query, "reason"));
            var problems = filter.Problems();
            var limit = DefaultLimit;
            if (Text(query, "limit") is { } text && !(int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= MaxLimit))
                problems["limit"] = [$"limit must be a whole number from 1 to {MaxLimit}."];
            if (problems.Count > 0) return Results.ValidationProblem(problems, title: "The query is not valid.");

            var letters = await deadLetters.ListAsync(filter, cancellationToken);
            return Results.Json(new { count = letters.Count, deadLetters = letters.Take(limit) }, ApiJson.Options);
        });

    /// <summary><c>POST operations/dead-letters/redrive</c> with <c>{"topic", "consumerGroup", "orderId", "reason", "dryRun", "again"}</c>, every field optional.</summary>
    public Task<IResult> RedriveDeadLettersAsync(HttpRequest http, CancellationToken cancellationToken) =>
        guard.GuardAsync(async () =>
        {
            var (request, problem) = await RequestBody.ReadAsync<RedriveRequest>(http, RedriveRequest.Shape, logger, cancellationToken);
            if (problem is not null) return problem;
            var filter = new DeadLetterFilter(request!.Topic, request.ConsumerGroup, request.OrderId, request.Reason);
            var problems = filter.Problems();
            if (problems.Count > 0) return Results.ValidationProblem(problems, title: "The redrive request is not valid.");

            var report = await deadLetters.RedriveAsync(filter, request.DryRun ?? false, request.Again ?? false, cancellationToken);
            return Results.Json(new
            {
                report.DryRun,
                report.Redriven,
                report.WouldRedrive,
                report.Skipped,
                letters = report.Letters.Select(a => new { a.Letter.Coordinates, a.Letter.OrderId, a.Letter.ConsumerGroup, a.Letter.Reason, a.Outcome, a.Detail }),
            }, ApiJson.Options);
        });

    /// <summary><c>GET operations/orders/overdue</c>: orders past the deadline and not yet final, with the step each waits on.</summary>
    public Task<IResult> ListOverdueOrdersAsync(CancellationToken cancellationToken) =>
        guard.GuardAsync(async () =>
        {
            var orders = await overdue.FindAsync(cancellationToken);
            return Results.Json(new { deadline = overdue.Deadline, count = orders.Count, orders }, ApiJson.Options);
        });

    private static string? Text(IQueryCollection query, string name) => query[name].LastOrDefault() is { Length: > 0 } value ? value : null;
}

/// <summary>Which dead letters to put back; <c>dryRun</c> says what would happen, <c>again</c> repeats letters put back before.</summary>
public sealed record RedriveRequest(string? Topic, string? ConsumerGroup, string? OrderId, string? Reason, bool? DryRun, bool? Again)
{
    public static readonly JsonShape Shape = JsonShape.Object(
        ("topic", JsonShape.Text), ("consumerGroup", JsonShape.Text), ("orderId", JsonShape.Text), ("reason", JsonShape.Text),
        ("dryRun", JsonShape.TrueOrFalse), ("again", JsonShape.TrueOrFalse));
}
