using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Contracts.Versions;
using EventFunctions.Messaging;
using EventFunctions.Processing;

namespace EventFunctions.ReadSide.OrderViews;

/// <summary>
/// One event of an order, kept in the order's one row of the view (<see cref="OrderRow"/>) as properties of its own,
/// named after its type: the view is the fold of the facts in that row. Writing a fact is a merge: it needs no read
/// and no version check, touches no other fact, and a repeat writes the same values again, so the row converges
/// whatever the order and number of deliveries. Beside the event's data it keeps when the event was created, by whom
/// and in reaction to what (the order's timeline), when it was projected, and the schema version the data is in, so
/// that a fact kept before a version change is upcast as it is read.
/// </summary>
public sealed record OrderFact(
    string OrderId, string EventId, string Type, string Data, string? Problem, DateTimeOffset Time, string Source, string? CausationId,
    DateTimeOffset ProjectedAt) : StateChange
{
    /// <summary>
    /// Set for a fact of one placement of the order rather than of the order (<see cref="OrderPlacements"/>): the
    /// placement's id, under which its properties are kept apart from the order's.
    /// </summary>
    public string? Placement { get; init; }

    // A reduced fact keeps this much of each text and list: enough to fold, well within a 64 KiB property.
    private const int MaxText = 128;
    private const int MaxItems = 50;

    public static OrderFact Of(EventEnvelope envelope, DateTimeOffset projectedAt) => new(
        envelope.Subject, envelope.Id, EventTypes.NameOf(envelope.Data), JsonSerializer.Serialize(envelope.Data, envelope.Data.GetType(), EventCodec.Json), null,
        envelope.Time, envelope.Source, envelope.CausationId, projectedAt) { Placement = OrderPlacements.PlacementOf(envelope) };

    /// <summary>The fact with its long texts and lists cut, and <paramref name="problem"/> saying why it could not be kept whole.</summary>
    public static OrderFact Reduced(EventEnvelope envelope, string problem, DateTimeOffset projectedAt) => new(
        envelope.Subject, envelope.Id, EventTypes.NameOf(envelope.Data),
        Reduce(JsonSerializer.SerializeToNode(envelope.Data, envelope.Data.GetType(), EventCodec.Json))?.ToJsonString() ?? "null", problem,
        envelope.Time, envelope.Source, envelope.CausationId, projectedAt) { Placement = OrderPlacements.PlacementOf(envelope) };

    public override string RowKey => OrderRow.KeyOf(OrderId);

    public override ConflictRule OnConflict => ConflictRule.Merge;

    public override IReadOnlyDictionary<string, object> Properties
    {
        get
        {
            var name = OrderRow.FactProperties.Of(Type, Placement);
            var properties = new Dictionary<string, object>
            {
                [name.Type] = Type, [name.EventId] = EventId, [name.Data] = Data, [name.Time] = Time, [name.Source] = Source,
                [name.SchemaVersion] = SchemaVersion, [name.ProjectedAt] = ProjectedAt,
            };
            if (Problem is not null) properties[name.Problem] = Problem;
            if (CausationId is not null) properties[name.CausationId] = CausationId;
            if (Placement is not null) properties[name.Placement] = Placement;
            return properties;
        }
    }

    /// <summary>Data is always written in the current version of its type.</summary>
    public int SchemaVersion => EventTypes.Find(Type) is { } clrType ? EventSchemas.CurrentVersionOf(clrType) : EventSchemas.Unversioned;

    /// <summary>The event a fact keeps, upcast from the version it was kept in (none: v1).</summary>
    public static IOrderEvent? Read(string type, string data, int? schemaVersion = null) =>
        EventTypes.Find(type) is { } clrType ? EventData.Read(clrType, schemaVersion ?? EventSchemas.Unversioned, Encoding.UTF8.GetBytes(data)) : null;

    private static JsonNode? Reduce(JsonNode? node) => node switch
    {
        JsonObject fields => new JsonObject(fields.Select(f => KeyValuePair.Create(f.Key, Reduce(f.Value)))),
        JsonArray items => new JsonArray(items.Take(MaxItems).Select(Reduce).ToArray()),
        JsonValue value when value.TryGetValue<string>(out var text) && text.Length > MaxText => JsonValue.Create(text[..MaxText] + "…"),
        _ => node?.DeepClone(),
    };
}
