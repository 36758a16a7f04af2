using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventFunctions.Http;

/// <summary>The JSON every API answers with (enums by name), and reads request bodies with.</summary>
public static class ApiJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
