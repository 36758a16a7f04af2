using System.Text.Json.Nodes;
using EventFunctions.Contracts.Events;

namespace EventFunctions.Contracts.Versions;

/// <summary>
/// Turns the JSON of an older version of an event into the current one, one version at a time, before it is
/// deserialized: every step is registered for (event type, the version it upcasts from) and is pure.
/// </summary>
public static class EventUpcasters
{
    private static readonly IReadOnlyDictionary<(Type Type, int From), Func<JsonObject, JsonObject>> Steps =
        new Dictionary<(Type, int), Func<JsonObject, JsonObject>>
        {
            [(typeof(OrderPlaced), 1)] = CurrencyUpcast.FromV1,
            [(typeof(OrderValidated), 1)] = CurrencyUpcast.FromV1,
            [(typeof(PaymentCaptured), 1)] = CurrencyUpcast.FromV1,
            [(typeof(StockUnavailable), 1)] = CurrencyUpcast.FromV1,
            [(typeof(PaymentRefunded), 1)] = CurrencyUpcast.FromV1,
            [(typeof(RefundFailed), 1)] = CurrencyUpcast.FromV1,
        };

    public static bool Has(Type type, int from) => Steps.ContainsKey((type, from));

    /// <summary><paramref name="data"/>, written at <paramref name="version"/>, in the current version of <paramref name="type"/>; the input is left as it was.</summary>
    public static JsonObject Upcast(Type type, int version, JsonObject data)
    {
        var current = EventSchemas.CurrentVersionOf(type);
        for (var upcast = data.DeepClone().AsObject(); ; version++)
        {
            if (version == current) return upcast;
            upcast = Steps.TryGetValue((type, version), out var step) ? step(upcast)
                : throw new InvalidOperationException($"No upcaster from v{version} of {EventTypes.NameOf(type)}.");
        }
    }
}
