using System.Diagnostics;
using System.Globalization;
using EventFunctions.Telemetry;

namespace EventFunctions.Messaging;

/// <summary>
/// Spans named and tagged as the OpenTelemetry messaging conventions for Kafka have them: <c>send {topic}</c>
/// (producer) and <c>process {topic}</c> (consumer), with the destination, partition, offset, key and consumer group.
/// </summary>
public static class MessagingSpans
{
    public const string System = "messaging.system";
    public const string OperationType = "messaging.operation.type";
    public const string OperationName = "messaging.operation.name";
    public const string Destination = "messaging.destination.name";
    public const string Partition = "messaging.destination.partition.id";
    public const string ConsumerGroup = "messaging.consumer.group.name";
    public const string Offset = "messaging.kafka.offset";
    public const string Key = "messaging.kafka.message.key";
    public const string MessageId = "messaging.message.id";
    public const string BatchCount = "messaging.batch.message_count";

    /// <summary>What the pipeline did with a record: processed, duplicate, ignored, orphan, poison, settled, dead_lettered.</summary>
    public const string Outcome = "eventfunctions.outcome";
    public const string EventType = "cloudevents.event_type";

    public const string Kafka = "kafka";

    /// <summary>Producing one record: a child of the context the record carries (the span that created the event), else of the current one.</summary>
    public static Activity? StartSend(OutgoingRecord record)
    {
        // Nothing to read or allocate when no one records: the hot path stays as it was.
        if (!PipelineTelemetry.Source.HasListeners()) return null;
        var created = TraceHeaders.Read(record.Headers);
        var activity = PipelineTelemetry.Source.StartActivity($"send {record.Topic}", ActivityKind.Producer, created);
        if (activity is null) return null;
        Operation(activity, "send", consumerGroup: null, record.Topic);
        if (record.KeyText is { } key) activity.SetTag(Key, key);
        if (HeaderText(record.Headers, CloudEventHeaders.Id) is { } id) activity.SetTag(MessageId, id);
        return activity;
    }

    public static void Delivered(Activity? send, int partition, long offset)
    {
        send?.SetTag(Partition, partition.ToString(CultureInfo.InvariantCulture));
        send?.SetTag(Offset, offset);
    }

    /// <summary>One function's batch: a child of the current span (the Functions host's invocation), linked to each record's context.</summary>
    public static Activity? StartBatch(string consumerGroup, IReadOnlyList<IncomingRecord> records)
    {
        if (!PipelineTelemetry.Source.HasListeners()) return null;
        var topics = records.Select(r => r.Topic).Distinct().ToList();
        var links = records.Select(r => TraceHeaders.Read(r.Headers)).Where(c => c != default).Distinct().Select(c => new ActivityLink(c));
        var activity = PipelineTelemetry.Source.StartActivity(
            topics.Count == 1 ? $"process {topics[0]}" : "process", ActivityKind.Consumer, parentContext: default, links: links);
        if (activity is null) return null;
        Operation(activity, "process", consumerGroup, topics.Count == 1 ? topics[0] : null);
        activity.SetTag(BatchCount, records.Count);
        return activity;
    }

    /// <summary>
    /// One record within a batch: a child of the context the record carries, so the order's trace runs on through
    /// this function, and linked to the batch. Started without becoming the current span: a batch's records run together.
    /// </summary>
    public static Activity? StartRecord(string consumerGroup, IncomingRecord record, Activity? batch)
    {
        if (!PipelineTelemetry.Source.HasListeners()) return null;
        var created = TraceHeaders.Read(record.Headers);
        var previous = Activity.Current;
        var activity = PipelineTelemetry.Source.StartActivity(
            $"process {record.Topic}", ActivityKind.Consumer, created == default ? batch?.Context ?? default : created,
            links: batch is null ? null : [new ActivityLink(batch.Context)]);
        Activity.Current = previous;
        if (activity is null) return null;
        Operation(activity, "process", consumerGroup, record.Topic);
        activity.SetTag(Partition, record.Partition.ToString(CultureInfo.InvariantCulture));
        activity.SetTag(Offset, record.Offset);
        if (record.Key is not null && new RecordHeader(Key, record.Key).StrictText() is { } key) activity.SetTag(Key, key);
        if (HeaderText(record.Headers, CloudEventHeaders.Id) is { } id) activity.SetTag(MessageId, id);
        if (HeaderText(record.Headers, CloudEventHeaders.Type) is { } type) activity.SetTag(EventType, type);
        return activity;
    }

    /// <summary>The tags every span of the pipeline's Kafka operations has.</summary>
    private static void Operation(Activity activity, string operation, string? consumerGroup, string? topic)
    {
        activity.SetTag(System, Kafka);
        activity.SetTag(OperationType, operation);
        activity.SetTag(OperationName, operation);
        if (consumerGroup is not null) activity.SetTag(ConsumerGroup, consumerGroup);
        if (topic is not null) activity.SetTag(Destination, topic);
    }

    private static string? HeaderText(IReadOnlyList<RecordHeader> headers, string name) => headers.LastOrDefault(h => h.Key == name)?.StrictText();
}
