using System.Text.Json;
using System.Text.Json.Nodes;
using EventFunctions.Contracts.Versions;

namespace EventFunctions.Messaging;

/// <summary>
/// Whether a record read from a topic carries the same data as a record its writer stored: the very bytes when both
/// were written in one schema version; across versions (a v1 record still on the log, and its re-emission by newer
/// code under the same id), the same JSON once both are upcast to the current version. Nothing else is the same.
/// </summary>
public static class RecordContent
{
    public static bool Same(Type eventType, int version, byte[]? value, int storedVersion, byte[]? storedValue)
    {
        if (value is null || storedValue is null) return false;
        if (version == storedVersion) return value.AsSpan().SequenceEqual(storedValue);
        try
        {
            return JsonNode.DeepEquals(EventData.Current(eventType, version, value), EventData.Current(eventType, storedVersion, storedValue));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
