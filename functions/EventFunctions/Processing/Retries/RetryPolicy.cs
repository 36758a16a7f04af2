namespace EventFunctions.Processing.Retries;

/// <summary>
/// What the trigger does after a batch failed, a pure decision: a transient fault is waited out with capped backoff for
/// as long as it lasts; a permanent one isolates the batch's records at once, so only the failing ones are settled;
/// an unknown one is retried <see cref="UnknownFailureAttempts"/> times, then treated as permanent.
/// </summary>
public sealed record RetryPolicy
{
    public static readonly RetryPolicy Default = new();

    /// <summary>Attempts of a batch that fails with unclassified exceptions before its records are tried alone and settled.</summary>
    public int UnknownFailureAttempts { get; init; } = 5;

    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between attempts: also the longest a partition lags behind once a fault has ended.</summary>
    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(5);

    /// <param name="failures">How many times the batch has failed, this failure included.</param>
    public RetryDecision Decide(FailureKind kind, int failures) => kind switch
    {
        FailureKind.Transient => RetryDecision.RetryAfter(Backoff(failures)),
        FailureKind.Unknown when failures < UnknownFailureAttempts => RetryDecision.RetryAfter(Backoff(failures)),
        _ => RetryDecision.Isolate,
    };

    public TimeSpan Backoff(int failures) =>
        TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, FirstBackoff.TotalMilliseconds * Math.Pow(2, Math.Max(0, failures - 1))));
}

/// <summary>Either wait and have the host redeliver the batch, or run its records one by one and settle those that fail.</summary>
public readonly record struct RetryDecision(bool IsolateRecords, TimeSpan Backoff)
{
    public static readonly RetryDecision Isolate = new(true, TimeSpan.Zero);

    public static RetryDecision RetryAfter(TimeSpan backoff) => new(false, backoff);
}
