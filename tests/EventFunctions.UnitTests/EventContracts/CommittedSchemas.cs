using System.Text.Json.Nodes;
using EventFunctions.Contracts.Versions;
using EventFunctions.TestKit;

namespace EventFunctions.UnitTests.EventContracts;

/// <summary>The schema files committed under <c>schemas/</c>: one folder per event type, one file per version.</summary>
public static class CommittedSchemas
{
    /// <summary>Set to 1 to write the schema of each record's current version (never over a breaking change).</summary>
    public const string UpdateVariable = "UPDATE_SCHEMAS";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    public static string PathOf(string typeName, int version) => Path.Combine(RepositoryDirectory.Root, EventSchemas.FileOf(typeName, version));

    public static int? LatestVersionOf(string typeName)
    {
        var folder = Path.GetDirectoryName(PathOf(typeName, 1))!;
        if (!Directory.Exists(folder)) return null;
        var versions = Directory.GetFiles(folder, "v*.schema.json")
            .Select(f => Path.GetFileName(f)[1..^".schema.json".Length])
            .Select(v => int.TryParse(v, out var n) ? n : 0).Where(n => n > 0).ToList();
        return versions.Count == 0 ? null : versions.Max();
    }

    public static string? Read(string typeName, int version) =>
        File.Exists(PathOf(typeName, version)) ? File.ReadAllText(PathOf(typeName, version)) : null;

    public static JsonNode Parse(string text) => JsonNode.Parse(text)!;

    public static void Write(string typeName, int version, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(typeName, version))!);
        File.WriteAllText(PathOf(typeName, version), text);
    }
}
