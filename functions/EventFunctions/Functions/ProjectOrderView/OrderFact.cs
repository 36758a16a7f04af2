using System.Text.Json;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Messaging;

namespace EventFunctions.Functions.ProjectOrderView;

/// <summary>
/// One event of an order, kept as an immutable fact beside the order's other facts; the view is their fold.
/// Writing a fact needs no read and no version check: the first write of a fact wins, a repeat is dropped.
/// </summary>
public sealed record OrderFact(string OrderId, string EventId, IOrderEvent Event) : StateChange
{
    public const string RowKeyInfix = "|fact|";
    public const string TypeProperty = "Type";
    public const string DataProperty = "Data";

    public override string RowKey => OrderId + RowKeyInfix + EventTypes.NameOf(Event);

    public override ConflictRule OnConflict => ConflictRule.FirstWins;

    public override IReadOnlyDictionary<string, object> Properties => new Dictionary<string, object>
    {
        ["EventId"] = EventId,
        [TypeProperty] = EventTypes.NameOf(Event),
        [DataProperty] = JsonSerializer.Serialize(Event, Event.GetType(), EventCodec.Json),
    };

    public static IOrderEvent? Read(string type, string data) =>
        EventTypes.Find(type) is { } clrType ? JsonSerializer.Deserialize(data, clrType, EventCodec.Json) as IOrderEvent : null;
}
