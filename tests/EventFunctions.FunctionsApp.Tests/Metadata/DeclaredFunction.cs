using System.Text.Json.Nodes;

namespace EventFunctions.FunctionsApp.Tests.Metadata;

/// <summary>One function as the Functions host is told of it: its entry point and its bindings' JSON.</summary>
public sealed record DeclaredFunction(string Name, string EntryPoint, string ScriptFile, string Language, IReadOnlyList<JsonObject> Bindings)
{
    public JsonObject Trigger => Bindings.Single(b => ((string)b["type"]!).EndsWith("Trigger", StringComparison.Ordinal));
}

/// <summary>A binding's values as strings, looked up as the host does: property names without regard to case.</summary>
public static class BindingJson
{
    public static string? Value(this JsonObject binding, string property) =>
        binding.FirstOrDefault(p => string.Equals(p.Key, property, StringComparison.OrdinalIgnoreCase)).Value switch
        {
            null => null,
            JsonValue value => value.ToString(),
            var node => node.ToJsonString(),
        };

    public static string? Property(this JsonObject binding, string name) =>
        binding["properties"] is JsonObject properties ? properties.Value(name) : null;
}
