using System.Text.Json;
using System.Text.Json.Serialization;

namespace EventFunctions.Contracts.Versions;

/// <summary>
/// How event data is written and read as JSON: one set of options for the codec, the upcasters and the schemas, so
/// that the committed schemas say what the codec does. It lives with the contracts because the schemas are generated
/// from it, and the codec (Messaging) builds on the contracts, never the other way.
/// </summary>
public static class EventJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        // A missing or null field is a malformed event, not a default value.
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    };
}
