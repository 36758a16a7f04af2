using EventFunctions.Processing.Retries;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.FunctionsApp.Http;

/// <summary>
/// This instance's health, as the local host reports its own: <c>degraded</c> (200) naming each function waiting out a
/// transient fault, why and since when, else <c>ready</c>. The Functions host holds the consumers, so there are no
/// partition counts here; a scaled-out app answers for the instance that serves the request.
/// </summary>
public sealed class HealthHttpTrigger(TransientFaults functions)
{
    [Function("Health")]
    public IResult Health([HttpTrigger(AuthorizationLevel.Function, "get", Route = "health")] HttpRequest request) =>
        functions.IsDegraded
            ? Results.Ok(new { status = "degraded", degraded = functions.Degraded })
            : Results.Ok(new { status = "ready" });
}
