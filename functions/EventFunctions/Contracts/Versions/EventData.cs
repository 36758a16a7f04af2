using System.Text.Json;
using System.Text.Json.Nodes;
using EventFunctions.Contracts.Events;

namespace EventFunctions.Contracts.Versions;

/// <summary>
/// An event's data read in whatever version it was written: the current version straight from its bytes, an older
/// one upcast first (<see cref="EventUpcasters"/>). Unknown fields are ignored and missing optional ones defaulted
/// (<see cref="EventJson.Options"/>); a version newer than this code is refused, since only newer code can read it.
/// </summary>
public static class EventData
{
    /// <summary>The event (null for JSON null), or a <see cref="JsonException"/> saying why the data is not one.</summary>
    public static IOrderEvent? Read(Type type, int version, ReadOnlySpan<byte> data) =>
        (IOrderEvent?)(version == EventSchemas.CurrentVersionOf(type)
            ? JsonSerializer.Deserialize(data, type, EventJson.Options)
            : Current(type, version, data).Deserialize(type, EventJson.Options));

    /// <summary>The data as JSON in the current version of <paramref name="type"/>: what two versions of one event are compared by.</summary>
    public static JsonObject Current(Type type, int version, ReadOnlySpan<byte> data)
    {
        var current = EventSchemas.CurrentVersionOf(type);
        if (version > current)
            throw new JsonException($"{EventTypes.NameOf(type)} v{version} is newer than this code reads (v{current}): deploy the newer readers first");
        return JsonNode.Parse(data) is JsonObject written
            ? EventUpcasters.Upcast(type, version, written)
            : throw new JsonException($"{EventTypes.NameOf(type)} is not a JSON object");
    }
}
