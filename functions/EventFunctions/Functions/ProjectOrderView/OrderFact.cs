using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Contracts.Versions;
using EventFunctions.Messaging;

namespace EventFunctions.Functions.ProjectOrderView;

/// <summary>
/// One event of an order, kept as an immutable fact beside the order's other facts; the view is their fold.
/// Writing a fact needs no read and no version check: the first write of a fact wins, a repeat is dropped.
/// Beside the event's data it keeps when the event was created, by whom and in reaction to what: the order's timeline;
/// and the schema version the data is in, so that a fact kept before a version change is upcast as it is read.
/// </summary>
public sealed record OrderFact(string OrderId, string EventId, string Type, string Data, string? Problem, DateTimeOffset Time, string Source, string? CausationId) : StateChange
{
    public const string RowKeyInfix = "|fact|";
    public const string TypeProperty = "Type";
    public const string DataProperty = "Data";
    public const string ProblemProperty = "Problem";
    public const string TimeProperty = "Time";
    public const string SourceProperty = "Source";
    public const string CausationIdProperty = "CausationId";

    /// <summary>Absent from facts kept before versions existed: those are v1.</summary>
    public const string SchemaVersionProperty = "SchemaVersion";

    // A reduced fact keeps this much of each text and list: enough to fold, well within a 64 KiB property.
    private const int MaxText = 128;
    private const int MaxItems = 50;

    public static OrderFact Of(EventEnvelope envelope) => new(
        envelope.Subject, envelope.Id, EventTypes.NameOf(envelope.Data), JsonSerializer.Serialize(envelope.Data, envelope.Data.GetType(), EventCodec.Json), null,
        envelope.Time, envelope.Source, envelope.CausationId);

    /// <summary>The fact with its long texts and lists cut, and <paramref name="problem"/> saying why it could not be kept whole.</summary>
    public static OrderFact Reduced(EventEnvelope envelope, string problem) => new(
        envelope.Subject, envelope.Id, EventTypes.NameOf(envelope.Data),
        Reduce(JsonSerializer.SerializeToNode(envelope.Data, envelope.Data.GetType(), EventCodec.Json))?.ToJsonString() ?? "null", problem,
        envelope.Time, envelope.Source, envelope.CausationId);

    public override string RowKey => OrderId + RowKeyInfix + Type;

    public override ConflictRule OnConflict => ConflictRule.FirstWins;

    public override IReadOnlyDictionary<string, object> Properties
    {
        get
        {
            var properties = new Dictionary<string, object>
            {
                ["EventId"] = EventId, [TypeProperty] = Type, [DataProperty] = Data, [TimeProperty] = Time, [SourceProperty] = Source,
                [SchemaVersionProperty] = SchemaVersion,
            };
            if (Problem is not null) properties[ProblemProperty] = Problem;
            if (CausationId is not null) properties[CausationIdProperty] = CausationId;
            return properties;
        }
    }

    /// <summary>Data is always written in the current version of its type.</summary>
    public int SchemaVersion => EventTypes.Find(Type) is { } clrType ? EventSchemas.CurrentVersionOf(clrType) : EventSchemas.Unversioned;

    /// <summary>The event a fact row keeps, upcast from the version it was kept in (none: v1).</summary>
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
