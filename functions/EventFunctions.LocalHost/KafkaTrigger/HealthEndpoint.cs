using EventFunctions.Processing.Retries;

namespace EventFunctions.LocalHost.KafkaTrigger;

/// <summary>
/// The local host's health: <c>starting</c> (503) until every consumer holds partitions; <c>degraded</c> (200: orders
/// are still taken, and processed once the fault passes) while a function waits out a transient fault, saying which
/// and why; else <c>ready</c>.
/// </summary>
public static class HealthEndpoint
{
    public static IResult Report(PartitionAssignments triggers, TransientFaults functions)
    {
        if (!triggers.IsReady)
            return Results.Json(new { status = "starting", partitions = triggers.PartitionCounts }, statusCode: StatusCodes.Status503ServiceUnavailable);
        if (functions.IsDegraded)
            return Results.Ok(new { status = "degraded", degraded = functions.Degraded, partitions = triggers.PartitionCounts });
        return Results.Ok(new { status = "ready", partitions = triggers.PartitionCounts });
    }
}
