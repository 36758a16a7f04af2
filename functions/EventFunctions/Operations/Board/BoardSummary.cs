using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.Operations.Board;

/// <summary>
/// The board's figures: orders per status (open ones now, final ones since the host started), placed→final latency over
/// the recent orders, consumer lag per function, dead letters and overdue orders.
/// </summary>
public sealed record BoardSummary(
    DateTimeOffset At,
    IReadOnlyDictionary<OrderStatus, long> Orders,
    LatencySummary Latency,
    IReadOnlyList<FunctionLag> Lag,
    DateTimeOffset? LagSampledAt,
    IReadOnlyDictionary<string, long> DeadLetters,
    OverdueSummary Overdue);

/// <summary>Percentiles of the last <see cref="Count"/> placed→final latencies, and their histogram.</summary>
public sealed record LatencySummary(int Count, double? P50, double? P90, double? P99, double? Max, IReadOnlyList<LatencyBucket> Histogram)
{
    /// <summary>Upper bounds, in seconds, of the histogram's buckets; the last bucket takes everything above.</summary>
    public static readonly double[] Bounds = [0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30];

    public static LatencySummary Of(IReadOnlyCollection<double> samples)
    {
        if (samples.Count == 0) return new(0, null, null, null, null, Bounds.Select(b => new LatencyBucket(b, 0)).Append(new LatencyBucket(null, 0)).ToList());
        var sorted = samples.Order().ToArray();
        double At(double q) => sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Length) - 1, 0, sorted.Length - 1)];
        var buckets = Bounds.Select((bound, i) => new LatencyBucket(bound, sorted.Count(s => s <= bound && (i == 0 || s > Bounds[i - 1]))))
            .Append(new LatencyBucket(null, sorted.Count(s => s > Bounds[^1]))).ToList();
        return new(sorted.Length, At(0.5), At(0.9), At(0.99), sorted[^1], buckets);
    }
}

/// <summary>Latencies up to <see cref="UpTo"/> seconds (null: above the last bound).</summary>
public sealed record LatencyBucket(double? UpTo, int Count);

/// <summary>A function's consumer group: its total lag and its partitions that lag.</summary>
public sealed record FunctionLag(string Function, long Lag, IReadOnlyList<PartitionLagView> Partitions);

public sealed record PartitionLagView(string Topic, int Partition, long Lag);

public sealed record OverdueSummary(DateTimeOffset? ScannedAt, int Count, IReadOnlyList<string> OrderIds);
