using System.Text.Json.Nodes;

namespace EventFunctions.Contracts.Versions;

/// <summary>v1 → v2 of every event with an amount: v1 amounts were all in euros, v2 says so.</summary>
public static class CurrencyUpcast
{
    public const string Property = "currency";

    public static JsonObject FromV1(JsonObject v1)
    {
        v1.TryAdd(Property, CurrencyCode.Default);
        return v1;
    }
}
