using System.Collections.Concurrent;
using System.Diagnostics;
using EventFunctions.Telemetry;

namespace EventFunctions.UnitTests.Telemetry;

/// <summary>Records the pipeline's spans while alive. Listeners are process-wide: tests pick their own spans by trace id.</summary>
internal sealed class RecordedSpans : IDisposable
{
    private readonly ActivityListener listener;
    private readonly ConcurrentQueue<Activity> stopped = new();

    public RecordedSpans()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PipelineTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
    }

    public IReadOnlyList<Activity> In(ActivityTraceId trace) => stopped.Where(a => a.TraceId == trace).ToList();

    public void Dispose() => listener.Dispose();
}
