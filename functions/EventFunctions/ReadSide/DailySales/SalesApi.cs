using System.Globalization;
using EventFunctions.Contracts;
using EventFunctions.Http;
using EventFunctions.ReadSide.Versions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EventFunctions.ReadSide.DailySales;

/// <summary><c>GET sales/{sku}?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c>: the daily sales read model, both hosts.</summary>
public sealed class SalesApi(IDailySales sales, TimeProvider clock, TransientFaultGuard guard)
{
    /// <summary>Its routes, under <see cref="ApiRoutes.Prefix"/>; the Functions app's triggers name them too.</summary>
    public static class Routes
    {
        public const string SkuSales = "sales/{sku}";
    }

    /// <summary>Maps <see cref="Routes"/> onto this API, as the local host serves it.</summary>
    public static void MapRoutes(IEndpointRouteBuilder api) =>
        api.MapGet(Routes.SkuSales,
            (string sku, HttpRequest request, SalesApi sales, CancellationToken ct) => sales.GetAsync(sku, request.Query, ct));

    public const int DefaultDays = 30;
    public const int MaxDays = 366;

    public Task<IResult> GetAsync(string sku, IQueryCollection query, CancellationToken cancellationToken) =>
        guard.GuardAsync(async () =>
        {
            var problems = new Dictionary<string, string[]>();
            if (!Identifiers.IsValid(sku)) problems["sku"] = [$"sku must be {Identifiers.Rule}."];
            var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
            var to = Day(query, "to", today, problems);
            var from = Day(query, "from", to.AddDays(1 - DefaultDays), problems);
            if (problems.Count == 0 && (from > to || to.DayNumber - from.DayNumber >= MaxDays))
                problems["from"] = [$"from must be on or before to, at most {MaxDays} days before it."];
            if (problems.Count > 0) return Results.ValidationProblem(problems, title: "The query is not valid.");

            try
            {
                var found = await sales.GetAsync(sku, from, to, cancellationToken);
                return Results.Json(new { found.Sku, found.From, found.To, found.Units, found.Revenue, days = found.Days }, ApiJson.Options);
            }
            catch (ReadModelNotBuiltException notBuilt)
            {
                return Results.Problem(notBuilt.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "The read model is not built yet.");
            }
        });

    private static DateOnly Day(IQueryCollection query, string name, DateOnly otherwise, Dictionary<string, string[]> problems)
    {
        if (query[name].LastOrDefault() is not { } text) return otherwise;
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
        problems[name] = [$"{name} must be a day as yyyy-MM-dd."];
        return otherwise;
    }
}
