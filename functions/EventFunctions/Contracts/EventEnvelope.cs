using EventFunctions.Contracts.Events;

namespace EventFunctions.Contracts;

/// <summary>
/// An event with its CloudEvents attributes. <see cref="Id"/> is the deduplication key: derived from the
/// causing event and the emitter (<see cref="Messaging.DeterministicId"/>), so a re-run emits the same id.
/// </summary>
public sealed record EventEnvelope(string Id, string Source, DateTimeOffset Time, string? CausationId, IOrderEvent Data)
{
    public string Type => EventTypes.NameOf(Data);

    /// <summary>The CloudEvents subject, and the Kafka key: the order id.</summary>
    public string Subject => Data.OrderId;

    public string Topic => Topics.Of(Data);
}
