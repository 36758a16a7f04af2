using System.Diagnostics;
using EventFunctions.Messaging;
using EventFunctions.Telemetry;

namespace EventFunctions.Processing;

/// <summary>
/// The spans of one function's batch: the batch's own, current while it runs (so the Table Storage calls nest under
/// it), and one per record in the trace of the order it belongs to. Each record's outcome is tagged and counted
/// (<see cref="PipelineMetrics"/>); disposing ends every span.
/// </summary>
public sealed class BatchTrace : IDisposable
{
    private readonly string consumerGroup;
    private readonly PipelineMetrics metrics;
    private readonly Activity? batch;
    private readonly Dictionary<IncomingRecord, Activity?> records = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<IncomingRecord, string> outcomes = new(ReferenceEqualityComparer.Instance);
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly bool isTriggerBatch;
    private bool failed;

    /// <param name="isTriggerBatch">False for a record settled alone, which is part of its batch's handling, not a batch of its own.</param>
    public BatchTrace(string consumerGroup, IReadOnlyList<IncomingRecord> batchRecords, PipelineMetrics metrics, bool isTriggerBatch = true)
    {
        this.consumerGroup = consumerGroup;
        this.metrics = metrics;
        this.isTriggerBatch = isTriggerBatch;
        batch = MessagingSpans.StartBatch(consumerGroup, batchRecords);
        foreach (var record in batchRecords) records[record] = MessagingSpans.StartRecord(consumerGroup, record, batch);
    }

    /// <summary>
    /// The context the events caused by <paramref name="record"/> are created in: its span, or, when nobody records
    /// spans, the context the record came with, so the order's records share one trace id whatever listens.
    /// </summary>
    public ActivityContext ContextOf(IncomingRecord record) =>
        records.GetValueOrDefault(record) is { } span ? span.Context
        : TraceHeaders.Read(record.Headers) is var carried && carried != default ? carried
        : TraceHeaders.NewRoot();

    public void Outcome(IncomingRecord record, string outcome) => outcomes[record] = outcome;

    /// <summary>The batch failed: it is redelivered, and none of its records' outcomes stands.</summary>
    public void Failed(Exception error)
    {
        failed = true;
        batch?.AddException(error);
        batch?.SetStatus(ActivityStatusCode.Error, error.Message);
        foreach (var span in records.Values) span?.SetStatus(ActivityStatusCode.Error, error.Message);
    }

    public void Dispose()
    {
        foreach (var (record, span) in records)
        {
            var outcome = failed ? "failed" : outcomes.GetValueOrDefault(record, RecordOutcomes.Processed);
            span?.SetTag(MessagingSpans.Outcome, outcome);
            if (!failed) metrics.Processed(consumerGroup, outcome);
            span?.Dispose();
        }
        if (isTriggerBatch) metrics.Batch(consumerGroup, records.Count, Stopwatch.GetElapsedTime(started), failed);
        batch?.Dispose();
    }
}

/// <summary>The outcomes a record of a batch can have.</summary>
public static class RecordOutcomes
{
    public const string Processed = "processed";
    public const string Duplicate = "duplicate";
    public const string Ignored = "ignored";
    public const string Orphan = "orphan";
    public const string Poison = "poison";
    public const string Settled = "settled";
    public const string DeadLettered = "dead_lettered";
}
