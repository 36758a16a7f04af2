using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EventFunctions.Processing.Retries;

/// <summary>
/// Which functions (and the HTTP API, through <c>Http/TransientFaultGuard</c>, and view rebuilds) are waiting out a
/// transient fault, since when and why: what a health endpoint reports as degraded. A function recovers with its
/// next successful batch, the API with its next answer that went through.
/// </summary>
public sealed class TransientFaults(TimeProvider clock, ILogger<TransientFaults> logger)
{
    private readonly ConcurrentDictionary<string, Degradation> degraded = new();

    public IReadOnlyDictionary<string, Degradation> Degraded => degraded.ToDictionary(d => d.Key, d => d.Value);

    public bool IsDegraded => !degraded.IsEmpty;

    public void Waiting(string function, Failure failure)
    {
        var now = clock.GetUtcNow();
        var state = degraded.AddOrUpdate(function,
            _ => new Degradation(failure.ToString(), now, 1),
            (_, d) => d with { Reason = failure.ToString(), Failures = d.Failures + 1 });
        if (state.Failures == 1)
            logger.LogWarning("{Function}: waiting out a transient fault ({Reason}); its partitions hold until it passes", function, failure);
    }

    public void Recovered(string function)
    {
        if (degraded.TryRemove(function, out var was))
            logger.LogInformation("{Function}: recovered after {Failures} failed attempts over {Seconds:F0} s ({Reason})",
                function, was.Failures, (clock.GetUtcNow() - was.Since).TotalSeconds, was.Reason);
    }
}

/// <summary>A function waiting out a fault: the last reason, since when, and how many attempts failed.</summary>
public sealed record Degradation(string Reason, DateTimeOffset Since, int Failures);
