using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace EventFunctions.Telemetry;

/// <summary>
/// The pipeline's instruments, on the meter <see cref="PipelineTelemetry.Name"/>. The "Metrics" table of docs/observability.md
/// lists them. The gauges belong to what they measure (<see cref="Processing.ConsumerLagMonitor"/>, the live orders, the overdue
/// scan), on the same meter.
/// </summary>
public sealed class PipelineMetrics
{
    private readonly Counter<long> events;
    private readonly Counter<long> deadLettered;
    private readonly Counter<long> redriven;
    private readonly Histogram<int> batchSize;
    private readonly Histogram<double> batchDuration;
    private readonly Histogram<double> orderDuration;
    private readonly Histogram<double> effectLatency;
    private readonly ConcurrentDictionary<string, long> deadLetteredByFunction = new();

    public PipelineMetrics(IMeterFactory meters)
    {
        var meter = Meter(meters);
        events = meter.CreateCounter<long>("eventfunctions.events", "{event}", "Records a function's trigger handed it, by function and outcome.");
        deadLettered = meter.CreateCounter<long>("eventfunctions.dead_letters", "{record}", "Records moved to a dead-letter topic, by function and original topic.");
        redriven = meter.CreateCounter<long>("eventfunctions.dead_letters.redriven", "{record}", "Dead letters put back on their topic, by consumer group and topic.");
        batchSize = meter.CreateHistogram<int>("eventfunctions.batch.size", "{record}", "Records per trigger batch, by function.",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10, 20, 50, 100, 200, 500] });
        batchDuration = meter.CreateHistogram<double>("eventfunctions.batch.duration", "s", "Time to run a trigger batch, by function and outcome (succeeded, failed).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        orderDuration = meter.CreateHistogram<double>("eventfunctions.order.duration", "s", "From an order's OrderPlaced to the projection's commit of its final status, by status.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 30, 60, 300] });
        effectLatency = meter.CreateHistogram<double>(EffectLatencyName, "s", "From an event's creation (its ce_time) to the commit of the effect a function made of it, by function: one hop of an order's path.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    }

    public const string EffectLatencyName = "eventfunctions.effect.latency";

    /// <summary>The pipeline's meter: the factory hands every caller the same one.</summary>
    public static Meter Meter(IMeterFactory meters) => meters.Create(PipelineTelemetry.Name);

    public void Processed(string function, string outcome) =>
        events.Add(1, new KeyValuePair<string, object?>("function", function), new KeyValuePair<string, object?>("outcome", outcome));

    public void DeadLettered(string function, string topic)
    {
        deadLettered.Add(1, new KeyValuePair<string, object?>("function", function), new KeyValuePair<string, object?>("topic", topic));
        deadLetteredByFunction.AddOrUpdate(function, 1, (_, n) => n + 1);
    }

    /// <summary>Records this process has dead-lettered since it started, by function: what the board shows.</summary>
    public IReadOnlyDictionary<string, long> DeadLetteredSinceStart => new Dictionary<string, long>(deadLetteredByFunction);

    public void Redriven(string consumerGroup, string topic) =>
        redriven.Add(1, new KeyValuePair<string, object?>("group", consumerGroup), new KeyValuePair<string, object?>("topic", topic));

    public void Batch(string function, int size, TimeSpan duration, bool failed)
    {
        var tag = new KeyValuePair<string, object?>("function", function);
        batchSize.Record(size, tag);
        batchDuration.Record(duration.TotalSeconds, tag, new KeyValuePair<string, object?>("outcome", failed ? "failed" : "succeeded"));
    }

    /// <summary>A function committed the effects of events created at <paramref name="created"/>.</summary>
    public void EffectsCommitted(string function, IEnumerable<DateTimeOffset> created, DateTimeOffset committedAt)
    {
        if (!effectLatency.Enabled) return;
        var tag = new KeyValuePair<string, object?>("function", function);
        foreach (var time in created) effectLatency.Record((committedAt - time).TotalSeconds, tag);
    }

    public void OrderFinished(string status, TimeSpan placedToFinal) =>
        orderDuration.Record(placedToFinal.TotalSeconds, new KeyValuePair<string, object?>("status", status));
}
