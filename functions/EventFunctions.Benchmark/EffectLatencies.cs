using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EventFunctions.Telemetry;

namespace EventFunctions.Benchmark;

/// <summary>
/// Listens to the pipeline's own <c>eventfunctions.effect.latency</c> measurements and keeps every one, by function,
/// so that the benchmark reports exact percentiles per step rather than histogram buckets.
/// </summary>
internal sealed class EffectLatencies : IDisposable
{
    private readonly MeterListener listener = new();
    private ConcurrentDictionary<string, ConcurrentQueue<double>> byFunction = new();

    public EffectLatencies()
    {
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == PipelineTelemetry.Name && instrument.Name == PipelineMetrics.EffectLatencyName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag is { Key: "function", Value: string function })
                    byFunction.GetOrAdd(function, _ => new()).Enqueue(seconds * 1000);
            }
        });
        listener.Start();
    }

    /// <summary>The milliseconds measured since the last call, sorted, by function; starts anew.</summary>
    public IReadOnlyDictionary<string, double[]> TakeMilliseconds()
    {
        var taken = Interlocked.Exchange(ref byFunction, new());
        return taken.ToDictionary(f => f.Key, f => f.Value.Order().ToArray());
    }

    public void Dispose() => listener.Dispose();
}
