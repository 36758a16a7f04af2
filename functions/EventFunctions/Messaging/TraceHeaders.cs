using System.Diagnostics;

namespace EventFunctions.Messaging;

/// <summary>
/// W3C Trace Context in Kafka record headers (<c>traceparent</c>, <c>tracestate</c>), as the Azure Functions Kafka
/// trigger reads them to link its own activities. Written when an event is encoded, so they are part of the stored
/// outbox: a re-published event keeps the context it was created in.
/// </summary>
public static class TraceHeaders
{
    public const string TraceParent = "traceparent";
    public const string TraceState = "tracestate";

    /// <summary>
    /// W3C Trace Context asks vendors to keep 512 characters of tracestate; a longer one is dropped rather than copied
    /// into every event the record causes.
    /// </summary>
    public const int MaxTraceStateLength = 512;

    public static IEnumerable<RecordHeader> Of(ActivityContext context)
    {
        if (context == default) yield break;
        yield return RecordHeader.Text(TraceParent, $"00-{context.TraceId.ToHexString()}-{context.SpanId.ToHexString()}-{(byte)context.TraceFlags:x2}");
        if (!string.IsNullOrEmpty(context.TraceState)) yield return RecordHeader.Text(TraceState, context.TraceState);
    }

    /// <summary>The context a record was produced in, or default when it carries none (or a malformed one).</summary>
    public static ActivityContext Read(IReadOnlyList<RecordHeader> headers)
    {
        var parent = headers.LastOrDefault(h => h.Key == TraceParent)?.StrictText();
        var state = headers.LastOrDefault(h => h.Key == TraceState)?.StrictText() is { Length: <= MaxTraceStateLength } kept ? kept : null;
        return parent is not null && ActivityContext.TryParse(parent, state, isRemote: true, out var context) ? context : default;
    }

    /// <summary>
    /// A context for an event that starts a trace when no span is being recorded: a fresh trace id, so that the
    /// records of one order still share one, whatever listens.
    /// </summary>
    public static ActivityContext NewRoot() => new(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded);
}
