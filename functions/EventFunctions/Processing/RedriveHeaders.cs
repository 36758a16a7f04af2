using EventFunctions.Messaging;

namespace EventFunctions.Processing;

/// <summary>
/// Headers of a dead letter put back on its original topic. Every consumer group of that topic sees the copy, but only
/// the group that dead-lettered it acts on it; the others have processed the original already. The copy keeps the
/// event's <c>ce_id</c>, so putting it back twice has the effect of once.
/// </summary>
public static class RedriveHeaders
{
    /// <summary>The consumer group the copy is for.</summary>
    public const string Group = "redrive_group";

    /// <summary>How many times the event has been put back; a dead letter of a redriven copy carries it on.</summary>
    public const string Count = "redrive_count";

    /// <summary>The dead letter the copy came from: <c>topic[partition]@offset</c>.</summary>
    public const string Of = "redrive_of";

    /// <summary>Whether <paramref name="group"/> is to act on <paramref name="record"/>: any record not redriven, and a redriven one only for its group.</summary>
    public static bool IsFor(IncomingRecord record, string group) =>
        record.Headers.LastOrDefault(h => h.Key == Group) is not { } target || target.ValueAsText == group;

    public static int CountOf(IEnumerable<RecordHeader> headers) =>
        headers.LastOrDefault(h => h.Key == Count) is { } count && int.TryParse(count.ValueAsText, out var n) ? n : 0;
}
