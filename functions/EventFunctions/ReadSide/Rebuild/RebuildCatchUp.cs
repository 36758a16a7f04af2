using EventFunctions.ReadSide.Versions;

namespace EventFunctions.ReadSide.Rebuild;

/// <summary>
/// When a build may replace the active version. The build's own group reads every record from the earliest offset;
/// the live projection writes the version too, once it has read versions that name it, which every instance does within
/// <see cref="ViewRebuildOptions.VersionsTtl"/> (<see cref="ViewTables"/>). So once <see cref="WritersJoinWithin"/> has
/// passed since the build began, every record written from then on reaches the new version through the live group, and
/// the build is complete when its group has caught up with the ends measured after that: nothing before the ends is
/// missing, nothing after them is missed.
/// </summary>
public static class RebuildCatchUp
{
    /// <summary>The TTL twice over, plus one more for a batch whose commit began just before its writer re-read the versions.</summary>
    public static TimeSpan WritersJoinWithin(TimeSpan versionsTtl) => versionsTtl * 3;

    public static bool CanSwitch(ViewVersions versions, RebuildProgress progress, TimeSpan versionsTtl) =>
        versions.BuildingSince is { } since
        && progress.MeasuredAt >= since + WritersJoinWithin(versionsTtl)
        && progress.CaughtUp;

    /// <summary>Why a build from the earliest offsets would be incomplete: the partitions that no longer hold their first records.</summary>
    public static string? LostHistory(IReadOnlyList<PartitionRange> ranges)
    {
        var lost = ranges.Where(r => r.LostHistory).ToList();
        if (lost.Count == 0) return null;
        var where = string.Join(", ", lost.Take(5).Select(r => $"{r.Topic}[{r.Partition}] starts at offset {r.Earliest}")) + (lost.Count > 5 ? $" and {lost.Count - 5} more" : "");
        return $"the log no longer holds all of its history ({where}): records before those offsets are gone (retention), so a view built from it would miss them";
    }
}
