using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace EventFunctions.Contracts.Versions;

/// <summary>
/// The JSON Schema of an event record, generated from the record with the pipeline's own serializer options
/// (<see cref="EventJson.Options"/>), so it says what the codec writes and reads: never written by hand.
/// </summary>
public static class EventSchemaGenerator
{
    private static readonly JsonSchemaExporterOptions Options = new() { TreatNullObliviousAsNonNullable = true };

    public static JsonObject Generate(Type eventType)
    {
        var typeName = EventTypes.NameOf(eventType);
        var version = EventSchemas.CurrentVersionOf(eventType);
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = EventSchemas.UriOf(typeName, version),
            ["title"] = $"{typeName} v{version}",
        };
        // Serializing would freeze the options with the default resolver anyway; the exporter asks for it up front.
        EventJson.Options.MakeReadOnly(populateMissingResolver: true);
        foreach (var (name, value) in EventJson.Options.GetJsonSchemaAsNode(eventType, Options).AsObject())
            schema[name] = value?.DeepClone();
        return schema;
    }

    /// <summary>The schema as committed: indented, patterns unescaped, one trailing newline, so a regenerated file diffs line by line.</summary>
    public static string Text(JsonObject schema) => schema.ToJsonString(FileFormat) + "\n";

    private static readonly JsonSerializerOptions FileFormat = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
