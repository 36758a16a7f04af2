using EventFunctions.ReadSide.Versions;

namespace EventFunctions.ReadSide.Rebuild;

/// <summary>What operators see of a read model: its versions and tables, and a build's progress while one runs.</summary>
/// <param name="SwitchesNoEarlierThan">When every instance's live projection writes the version being built too: it may switch from then on, once caught up.</param>
public sealed record ViewStatus(
    string Name, int? Active, int? Previous, int? Building, DateTimeOffset? BuildingSince, DateTimeOffset? SwitchesNoEarlierThan, bool BuildingFromRemaining,
    IReadOnlyDictionary<string, string> Tables, BuildProgress? Progress)
{
    public static ViewStatus Of(ReadModel model, ViewVersions versions, RebuildProgress? progress, TimeSpan versionsTtl) => new(
        model.Name, versions.Active, versions.Previous, versions.Building, versions.BuildingSince,
        versions.BuildingSince + RebuildCatchUp.WritersJoinWithin(versionsTtl), versions.BuildingFromRemaining,
        new[] { ("active", versions.Active), ("previous", versions.Previous), ("building", versions.Building) }
            .Where(v => v.Item2 is not null).ToDictionary(v => v.Item1, v => model.TableOf(v.Item2!.Value)),
        progress is null ? null : BuildProgress.Of(model, versions.Building!.Value, progress));
}

/// <summary>A build's progress: per partition, the offset its group reached and the end measured with it.</summary>
public sealed record BuildProgress(
    string ConsumerGroup, DateTimeOffset MeasuredAt, bool CaughtUp, long RecordsProjected, long RecordsToProject, long? OrdersProjected,
    IReadOnlyList<PartitionProgress> Partitions)
{
    public static BuildProgress Of(ReadModel model, int version, RebuildProgress progress) => new(
        model.RebuildGroupOf(version), progress.MeasuredAt, progress.CaughtUp, progress.RecordsProjected, progress.RecordsToProject,
        progress.OrdersProjected, progress.Partitions);
}
