using System.Text.Json.Nodes;

namespace EventFunctions.Contracts.Versions;

/// <summary>
/// Whether a record's schema today still reads every record written under the committed schema of its version:
/// compared property by property, through nested objects and array items. What breaks: a property removed or
/// renamed, retyped (its JSON types differ, nullability included), made required, or a new required property.
/// What does not: a new optional property.
/// </summary>
public static class SchemaCompatibility
{
    public static IReadOnlyList<SchemaBreak> Breaks(JsonNode committed, JsonNode current)
    {
        var breaks = new List<SchemaBreak>();
        Compare(committed, current, "", breaks);
        return breaks;
    }

    /// <summary>What to do instead of a break, in the words a failing test gives them.</summary>
    public static string Advice(string typeName, int version) =>
        $"Records of {typeName} v{version} are on the log and must stay readable. Instead: add the field as optional with a default " +
        $"(old records lack it, old readers ignore it); or introduce v{version + 1} (EventSchemas) with an upcaster from v{version} " +
        "(EventUpcasters) that turns old records into the new shape; or, for a break other consumers cannot absorb, publish a new " +
        "event type on a new topic. See docs/contracts.md.";

    private static void Compare(JsonNode? was, JsonNode? now, string path, List<SchemaBreak> breaks)
    {
        var (wasTypes, nowTypes) = (TypesOf(was), TypesOf(now));
        if (!wasTypes.SetEquals(nowTypes))
        {
            breaks.Add(new SchemaBreak(path, $"retyped from {Describe(wasTypes)} to {Describe(nowTypes)}"));
            return;
        }

        var wasProperties = was?["properties"] as JsonObject ?? [];
        var nowProperties = now?["properties"] as JsonObject ?? [];
        var (wasRequired, nowRequired) = (RequiredOf(was), RequiredOf(now));
        foreach (var (name, wasProperty) in wasProperties)
        {
            var at = Join(path, name);
            if (!nowProperties.ContainsKey(name))
                breaks.Add(new SchemaBreak(at, "removed or renamed"));
            else
            {
                if (nowRequired.Contains(name) && !wasRequired.Contains(name))
                    breaks.Add(new SchemaBreak(at, "made required"));
                Compare(wasProperty, nowProperties[name], at, breaks);
            }
        }
        foreach (var name in nowRequired.Where(n => !wasProperties.ContainsKey(n)))
            breaks.Add(new SchemaBreak(Join(path, name), "added as required"));

        if (was?["items"] is { } wasItems)
            Compare(wasItems, now?["items"], path + "[]", breaks);
    }

    private static HashSet<string> TypesOf(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray types => types.Select(t => t!.GetValue<string>()).ToHashSet(),
        JsonValue type => [type.GetValue<string>()],
        _ => [],
    };

    private static HashSet<string> RequiredOf(JsonNode? schema) =>
        (schema?["required"] as JsonArray ?? []).Select(r => r!.GetValue<string>()).ToHashSet();

    private static string Describe(HashSet<string> types) => types.Count == 0 ? "any" : string.Join(" or ", types.Order(StringComparer.Ordinal));

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}

/// <summary>One change that older records or readers cannot absorb, at its JSON path (<c>lines[].sku</c>).</summary>
public sealed record SchemaBreak(string Path, string Change)
{
    public override string ToString() => $"{Path}: {Change}";
}
