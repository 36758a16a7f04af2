using EventFunctions.Contracts;
using EventFunctions.Processing.Retries;
using Microsoft.AspNetCore.Http;

namespace EventFunctions.Http;

/// <summary>
/// A request that meets a transient fault (storage or Kafka away, throttled) is answered 503 with <c>Retry-After</c>
/// and problem details naming what is away, rather than a bare 500: the client should come back, not give up. The
/// API's own waiting shows in health beside the functions', under its name, until a request goes through again.
/// </summary>
public sealed class TransientFaultGuard(TransientFaults health)
{
    /// <summary>The name the API's own waiting goes by in health: the writer of the orders it takes (<see cref="Contracts.Topics"/>).</summary>
    public const string ApiName = Topics.ApiWriter;

    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public async Task<IResult> GuardAsync(Func<Task<IResult>> handle)
    {
        try
        {
            var result = await handle();
            // Only an answer that went through says the fault is over; a refused request may never have reached storage,
            // and one served without it (an order accepted with its claim deferred) says nothing of it.
            if (result is not (IStatusCodeHttpResult { StatusCode: >= 400 } or ServedWithout)) health.Recovered(ApiName);
            return result;
        }
        catch (Exception e) when (FailureClassifier.Classify(e) is { Kind: FailureKind.Transient } failure)
        {
            health.Waiting(ApiName, failure);
            return new RetryAfterResult(Results.Problem(
                $"{failure.Source} is unavailable ({failure.Reason}). Retry the same request later: orders are idempotent by orderId.",
                statusCode: StatusCodes.Status503ServiceUnavailable,
                title: "Temporarily unavailable."));
        }
    }

    /// <summary>
    /// <paramref name="result"/>, served although <paramref name="failure"/> kept a dependency from answering: the
    /// request needed it only in part. Health keeps naming the dependency until a request goes through it again.
    /// </summary>
    public IResult ServedDespite(Failure failure, IResult result)
    {
        health.Waiting(ApiName, failure);
        return new ServedWithout(result);
    }

    private sealed class ServedWithout(IResult inner) : IResult, IStatusCodeHttpResult
    {
        public int? StatusCode => (inner as IStatusCodeHttpResult)?.StatusCode;

        public Task ExecuteAsync(HttpContext httpContext) => inner.ExecuteAsync(httpContext);
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
