
namespace EventFunctions.ReadSide.Versions;

/// <summary>
/// A read model: a projection of some topics into tables of its own, kept in numbered versions so that a new version
/// can be built from the log while the current one serves (<see cref="ViewVersions"/>).
/// </summary>
/// <param name="Name">How operators name it: <c>./run.sh views rebuild orders</c>.</param>
/// <param name="Table">Its table's name; version 1 is this name, version N is <c>{Table}V{N}</c>.</param>
/// <param name="LiveGroup">The consumer group of the function that keeps the active version current.</param>
/// <param name="Topics">The topics it projects.</param>
/// <param name="BuiltFromStart">Whether version 1 exists without a build: true for a read model the pipeline had from its first
/// day; false for one added later, which serves only once a build from the log has caught up.</param>
public sealed record ReadModel(string Name, string Table, string LiveGroup, IReadOnlyList<string> Topics, bool BuiltFromStart)
{
    public string TableOf(int version) => version == 1 ? Table : $"{Table}V{version}";

    /// <summary>The consumer group that builds <paramref name="version"/> from the earliest offsets: its own, so the live group keeps its place.</summary>
    public string RebuildGroupOf(int version) => $"{LiveGroup}.rebuild-v{version}";

    /// <summary>The state a read model has before any rebuild was ever started.</summary>
    public ViewVersions Initial => BuiltFromStart ? ViewVersions.BuiltAt(1) : ViewVersions.NeverBuilt;
}
