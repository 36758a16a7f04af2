using System.Collections.Concurrent;
using Azure.Data.Tables;
using EventFunctions.Storage;

namespace EventFunctions.ReadSide.Versions;

/// <summary>
/// The tables each read model is read from and written to now, from its <see cref="ViewVersions"/>, which every
/// instance re-reads at most <see cref="ViewRebuildOptions.VersionsTtl"/> after its last read. A writer never uses
/// versions older than that, which is what lets a build know when every live writer writes its version too
/// (<see cref="Rebuild.RebuildCatchUp"/>). A change made in this process is taken at once.
/// </summary>
public sealed class ViewTables(IViewVersionStore store, TableStorage tables, TimeProvider clock, ViewRebuildOptions options)
{
    private readonly ConcurrentDictionary<string, (ViewVersions Versions, DateTimeOffset ReadAt)> known = new();

    public async Task<ViewVersions> VersionsAsync(ReadModel model, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(model.Name, out var cached) && clock.GetUtcNow() - cached.ReadAt < options.VersionsTtl)
            return cached.Versions;
        var readAt = clock.GetUtcNow();
        var versions = await store.GetAsync(model, cancellationToken);
        known[model.Name] = (versions, readAt);
        return versions;
    }

    /// <summary>The active version's table, or <see cref="ReadModelNotBuiltException"/> while a read model added later is first being built.</summary>
    public async Task<TableClient> ReadTableAsync(ReadModel model, CancellationToken cancellationToken)
    {
        var versions = await VersionsAsync(model, cancellationToken);
        return versions.Active is { } active ? tables.Table(model.TableOf(active)) : throw new ReadModelNotBuiltException(model, versions);
    }

    /// <summary>Every version the live projection keeps current: the active, the previous and the one being built.</summary>
    public async Task<IReadOnlyList<string>> WriteTablesAsync(ReadModel model, CancellationToken cancellationToken) =>
        (await VersionsAsync(model, cancellationToken)).Written.Select(model.TableOf).ToList();

    public void Remember(ReadModel model, ViewVersions versions) => known[model.Name] = (versions, clock.GetUtcNow());
}

/// <summary>A read model that has no version to serve yet: it was added after the pipeline started and is still being built from the log.</summary>
public sealed class ReadModelNotBuiltException(ReadModel model, ViewVersions versions) : Exception(
    versions.Building is { } building
        ? $"the {model.Name} read model is being built from the log (version {building}, since {versions.BuildingSince:O}); it serves once it has caught up"
        : $"the {model.Name} read model has not been built; start it with ./run.sh views rebuild {model.Name}")
{
    public ReadModel Model => model;
}
