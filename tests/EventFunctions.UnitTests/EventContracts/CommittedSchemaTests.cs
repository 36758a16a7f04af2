using EventFunctions.Contracts.Versions;

namespace EventFunctions.UnitTests.EventContracts;

/// <summary>
/// Every event record against its committed schemas: the file of its current version is what the record generates
/// today (regenerate with <c>UPDATE_SCHEMAS=1</c>, a reviewed diff), and today's record still reads every record of the
/// latest version committed before it.
/// </summary>
public class CommittedSchemaTests
{
    public static TheoryData<string> EventTypes() => new(Topics.All.SelectMany(t => t.EventTypes).Select(Contracts.EventTypes.NameOf));

    private static Type TypeOf(string typeName) => Contracts.EventTypes.Find(typeName)!;

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void The_committed_schema_of_the_current_version_is_the_one_the_record_generates(string typeName)
    {
        var version = EventSchemas.CurrentVersionOf(TypeOf(typeName));
        var generated = EventSchemaGenerator.Text(EventSchemaGenerator.Generate(TypeOf(typeName)));
        var committed = CommittedSchemas.Read(typeName, version);
        if (CommittedSchemas.Updating && generated != committed && BreaksOfCurrentVersion(typeName).Count == 0)
            CommittedSchemas.Write(typeName, version, committed = generated);

        Assert.True(generated == committed,
            $"{EventSchemas.FileOf(typeName, version)} is {(committed is null ? "missing" : "out of date with the record")}: regenerate it with " +
            $"`{CommittedSchemas.UpdateVariable}=1 dotnet test tests/EventFunctions.UnitTests --filter FullyQualifiedName~CommittedSchemaTests` " +
            "and commit the diff. A breaking change is never written: see the compatibility test.");
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Todays_record_reads_every_record_of_its_latest_committed_version(string typeName)
    {
        var version = EventSchemas.CurrentVersionOf(TypeOf(typeName));
        var latest = CommittedSchemas.LatestVersionOf(typeName) ?? version;

        Assert.True(latest == version || latest == version - 1,
            $"{typeName} is at v{version} but the latest committed schema is v{latest}: versions go up one at a time, and never down.");
        var breaks = BreaksOfCurrentVersion(typeName);
        Assert.True(breaks.Count == 0,
            $"{typeName} changed in a way its committed v{version} schema cannot absorb:\n  {string.Join("\n  ", breaks)}\n" +
            SchemaCompatibility.Advice(typeName, version));
    }

    /// <summary>Today's record against the committed file of its own version (none yet: nothing to break).</summary>
    private static IReadOnlyList<SchemaBreak> BreaksOfCurrentVersion(string typeName)
    {
        var version = EventSchemas.CurrentVersionOf(TypeOf(typeName));
        return CommittedSchemas.Read(typeName, version) is { } committed
            ? SchemaCompatibility.Breaks(CommittedSchemas.Parse(committed), EventSchemaGenerator.Generate(TypeOf(typeName)))
            : [];
    }
}
