namespace EventFunctions.ReadSide.Versions;

/// <summary>
/// Which versions of a read model exist and what each is for: <see cref="Active"/> serves reads; <see cref="Building"/>
/// is being filled from the log by a consumer group of its own; <see cref="Previous"/> served before the last switch and
/// is kept current beside the active one, so that a rollback is a switch back that loses nothing. The live projection
/// writes every version here (<see cref="Written"/>). The transitions are pure; the store applies them with optimistic
/// concurrency, so concurrent operators and instances agree on one outcome.
/// </summary>
public sealed record ViewVersions(int? Active, int? Previous, int? Building, DateTimeOffset? BuildingSince, bool BuildingFromRemaining, int LastVersion)
{
    public static ViewVersions NeverBuilt { get; } = new(null, null, null, null, false, 0);

    public static ViewVersions BuiltAt(int version) => new(version, null, null, null, false, version);

    /// <summary>The versions the live projection keeps current: reads may be served from any of them now or after a switch.</summary>
    public IReadOnlyList<int> Written => new[] { Active, Previous, Building }.OfType<int>().Distinct().ToList();

    /// <summary>A new version, never used before, to be filled from the earliest offsets.</summary>
    public ViewVersions StartBuilding(DateTimeOffset now, bool fromRemaining) =>
        Building is { } building
            ? throw new ViewVersionConflictException($"version {building} is being built since {BuildingSince:O}; wait for it to switch, or cancel it first")
            : this with { Building = LastVersion + 1, BuildingSince = now, BuildingFromRemaining = fromRemaining, LastVersion = LastVersion + 1 };

    /// <summary>
    /// The built version serves; the active one becomes the previous, and the previous one before it is no longer kept
    /// (<paramref name="retired"/>). When the active one's table is gone (<paramref name="activeExists"/> false: the
    /// rebuild replaces a deleted view), it is dropped instead, and the previous one stays.
    /// </summary>
    public ViewVersions Switched(out int? retired, bool activeExists = true)
    {
        var building = Building ?? throw new ViewVersionConflictException("no version is being built");
        retired = activeExists ? Previous : null;
        return this with { Active = building, Previous = activeExists ? Active : Previous, Building = null, BuildingSince = null, BuildingFromRemaining = false };
    }

    /// <summary>The previous version serves again, and the one that served becomes the previous: a second rollback undoes the first.</summary>
    public ViewVersions RolledBack() =>
        Previous is { } previous
            ? this with { Active = previous, Previous = Active }
            : throw new ViewVersionConflictException("there is no previous version to roll back to");

    /// <summary>The build is abandoned; <paramref name="cancelled"/> is the version whose table can go.</summary>
    public ViewVersions Cancelled(out int cancelled)
    {
        cancelled = Building ?? throw new ViewVersionConflictException("no version is being built");
        return this with { Building = null, BuildingSince = null, BuildingFromRemaining = false };
    }

    /// <summary>The previous version is no longer kept; <paramref name="dropped"/> is the version whose table can go.</summary>
    public ViewVersions PreviousDropped(out int dropped)
    {
        dropped = Previous ?? throw new ViewVersionConflictException("there is no previous version to drop");
        return this with { Previous = null };
    }
}

/// <summary>A change of versions that the current versions do not allow (a second build, a rollback with nothing to roll back to).</summary>
public sealed class ViewVersionConflictException(string message) : Exception(message);
