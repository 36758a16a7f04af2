using System.Text.Json;
using Azure.Data.Tables;
using EventFunctions.Contracts;
using EventFunctions.Messaging;
using EventFunctions.Storage;

namespace EventFunctions.Processing;

/// <summary>
/// The marker "this function processed this event", keyed by (order, function, event id) in the order's shard,
/// holding the outbox: the encoded events the function emitted, to re-publish on a redelivery.
/// </summary>
internal static class InboxRow
{
    public const string EventId = "EventId";
    public const string Outbox = "Outbox";
    public const string SettledBecause = "SettledBecause";

    public static string Key(IEventFunction function, EventEnvelope @event) => Key(function.Name, @event.Subject, @event.Id);

    public static string Key(string function, string orderId, string eventId) => $"{orderId}|inbox|{function}|{eventId}";

    public static TableEntity Create(IEventFunction function, EventEnvelope @event, IReadOnlyList<OutgoingRecord> outbox, string? settledBecause = null)
    {
        var row = new TableEntity(OrderShard.Of(@event.Subject), Key(function, @event))
        {
            [EventId] = @event.Id,
            [Outbox] = JsonSerializer.Serialize(outbox, EventCodec.Json),
        };
        if (settledBecause is not null) row[SettledBecause] = settledBecause;
        return row;
    }

    public static IReadOnlyList<OutgoingRecord> ReadOutbox(TableEntity row) =>
        JsonSerializer.Deserialize<List<OutgoingRecord>>(row.GetString(Outbox) ?? "[]", EventCodec.Json) ?? [];
}
