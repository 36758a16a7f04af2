using System.Security.Cryptography;
using System.Text.Json;
using EventFunctions.Contracts.Events;
using EventFunctions.Messaging;

namespace EventFunctions.Lineage;

/// <summary>
/// What an order places, as one value: the SHA-256 of its OrderPlaced in the pipeline's JSON. The API keeps it under the
/// order id (not the order itself: no payment token is stored), so the same id with the same content is the same
/// order, and with other content is refused.
/// </summary>
public static class OrderFingerprint
{
    public static string Of(OrderPlaced order) =>
        Convert.ToHexStringLower(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(order, EventCodec.Json)));
}
