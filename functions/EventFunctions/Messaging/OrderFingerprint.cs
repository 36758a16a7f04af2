using System.Security.Cryptography;
using System.Text.Json;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Contracts.Versions;

namespace EventFunctions.Messaging;

/// <summary>
/// What an order places, as one value: the SHA-256 of its OrderPlaced in the pipeline's JSON. The API keeps it under the
/// order id (not the order itself: no payment token is stored), so the same id with the same content is the same
/// order, and with other content is refused.
/// </summary>
public static class OrderFingerprint
{
    /// <summary>
    /// An order in euros is fingerprinted in its v1 shape, without the currency: orders claimed before v2 were
    /// fingerprinted so, and were all in euros, so the same body posted again after the upgrade, or a v1 record of the
    /// order, is still the same order. Any other currency is part of what the order places.
    /// </summary>
    public static string Of(OrderPlaced order)
    {
        var json = JsonSerializer.SerializeToNode(order, EventCodec.Json)!.AsObject();
        if (order.Currency == CurrencyCode.Default) json.Remove(CurrencyUpcast.Property);
        return Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(json, EventCodec.Json)));
    }
}
