using EventFunctions.Contracts;
using Microsoft.AspNetCore.Http;

namespace EventFunctions.Http;

/// <summary>The answers every API gives alike: a route id that cannot be one, and something that is not there.</summary>
public static class ApiResults
{
    /// <summary>Ids in a route are checked as the bodies' are: a 400 naming the parameter, never a 404 for something that cannot exist.</summary>
    public static IResult? InvalidId(string name, string value) => Identifiers.IsValid(value) ? null
        : Results.ValidationProblem(new Dictionary<string, string[]> { [name] = [$"'{Uri.UnescapeDataString(value)}' is not a valid {name}: {Identifiers.Rule}."] },
            title: "The route is not valid.");

    public static IResult NotFound(string what, string id) =>
        Results.Problem($"No {what} '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}
