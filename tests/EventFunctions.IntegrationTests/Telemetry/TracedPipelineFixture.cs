using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.LocalHost;
using OpenTelemetry.Trace;

namespace EventFunctions.IntegrationTests.Telemetry;

/// <summary>
/// A pipeline of its own whose spans go to OpenTelemetry's in-memory exporter, as they would to any exporter:
/// recorded through the SDK, with the HTTP server and Table Storage spans beside the pipeline's.
/// </summary>
public sealed class TracedPipelineFixture : PipelineFixture
{
    public ExportedSpans Spans { get; } = new();

    protected override LocalPipelineOptions Options(LocalPipelineOptions options) =>
        options with { ConfigureTelemetry = telemetry => telemetry.WithTracing(tracing => tracing.AddInMemoryExporter(Spans)) };
}

/// <summary>The exporter's collection, safe to read while the pipeline adds to it.</summary>
public sealed class ExportedSpans : ICollection<Activity>
{
    private readonly ConcurrentQueue<Activity> spans = new();

    public IReadOnlyList<Activity> In(ActivityTraceId trace) => spans.Where(s => s.TraceId == trace).ToList();

    public IReadOnlyList<Activity> All => spans.ToList();

    public void Add(Activity item) => spans.Enqueue(item);

    public int Count => spans.Count;

    public bool IsReadOnly => false;

    public void Clear() => spans.Clear();

    public bool Contains(Activity item) => spans.Contains(item);

    public void CopyTo(Activity[] array, int arrayIndex) => spans.ToArray().CopyTo(array, arrayIndex);

    public bool Remove(Activity item) => throw new NotSupportedException("Exported spans are only added.");

    public IEnumerator<Activity> GetEnumerator() => spans.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}

[CollectionDefinition(Name)]
public sealed class TracedPipelineCollection : ICollectionFixture<TracedPipelineFixture>
{
    public const string Name = "traced pipeline";
}
