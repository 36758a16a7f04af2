using EventFunctions.Failures;
using Microsoft.AspNetCore.Http;

namespace EventFunctions.Http;

/// <summary>
/// A request that meets a transient fault (storage or Kafka away, throttled) is answered 503 with <c>Retry-After</c>
/// and problem details naming what is away, rather than a bare 500: the client should come back, not give up.
/// </summary>
public static class Availability
{
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public static async Task<IResult> GuardAsync(Func<Task<IResult>> handle)
    {
        try
        {
            return await handle();
        }
        catch (Exception e) when (FailureClassifier.Classify(e) is { Kind: FailureKind.Transient } failure)
        {
            return new RetryAfterResult(Results.Problem(
                $"{failure.Source} is unavailable ({failure.Reason}). Retry the same request later: orders are idempotent by orderId.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Temporarily unavailable."));
        }
    }

    private sealed class RetryAfterResult(IResult inner) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = ((int)RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
