using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;

namespace EventFunctions.Messaging;

/// <summary>
/// What an event of the pipeline looks like: it comes from the one writer of its topic, and carries the id that writer
/// derives from the event that caused it (an OrderPlaced, from its order id). An event that does not is not the
/// pipeline's, whoever produced it, and is dead-lettered unread. Someone allowed to write to a topic can still imitate
/// all of this; only the brokers' permissions can stop them (docs/provenance.md, "What these checks cannot do").
/// </summary>
public static class Provenance
{
    private const string SourcePrefix = "/eventfunctions/";

    public static string SourceOf(string writer) => SourcePrefix + writer;

    /// <summary>The writer a source names (the inverse of <see cref="SourceOf"/>); a foreign source is returned as it is.</summary>
    public static string WriterOf(string source) =>
        source.StartsWith(SourcePrefix, StringComparison.Ordinal) ? source[SourcePrefix.Length..] : source;

    /// <summary>Why <paramref name="envelope"/>, read from <paramref name="topic"/>, is not an event of the pipeline; null if it is one.</summary>
    public static string? Problem(EventEnvelope envelope, string topic)
    {
        var writer = Topics.Get(topic).Writer;
        if (envelope.Source != SourceOf(writer))
            return $"source '{envelope.Source}' is not the writer of {topic} ({SourceOf(writer)})";
        // An order's id, or, for an order accepted while its claim could not be checked, the id of its content.
        if (envelope.Data is OrderPlaced)
            return envelope.Id == OrderPlacement.ClaimedId(envelope.Data.OrderId) || OrderPlacement.IsDeferred(envelope) ? null
                : $"id '{envelope.Id}' is not the id {writer} gives order {envelope.Data.OrderId}";
        if (envelope.CausationId is not { } cause)
            return "no ce_causationid: every event but OrderPlaced names the event that caused it";
        return envelope.Id == DeterministicId.For(writer, cause) ? null : $"id '{envelope.Id}' is not the id {writer} derives from its cause '{cause}'";
    }
}
