using EventFunctions.ReadSide.Versions;
using EventFunctions.Storage;
using Microsoft.Extensions.Logging;

namespace EventFunctions.ReadSide.Rebuild;

/// <summary>
/// The operators' verbs on read models, the same from both hosts' admin routes and <c>./run.sh views</c>: status,
/// rebuild, rollback, cancel, drop the previous version; and the switch, which <see cref="ViewRebuildWorker"/> makes
/// once a build has caught up (<see cref="RebuildCatchUp"/>). Every change is one conditional write of the read
/// model's versions (<see cref="IViewVersionStore"/>): readers move from one whole version to another, never between.
/// </summary>
public sealed class ViewRebuilds(
    IViewVersionStore store, ViewTables views, TableStorage tables, ILogPositions log, TimeProvider clock, ViewRebuildOptions options,
    ILogger<ViewRebuilds> logger)
{
    private const int CloseEnough = 10_000;
    private const int LooksToPassTheEnds = 20;
    private static readonly TimeSpan BetweenLooks = TimeSpan.FromMilliseconds(250);

    public async Task<ViewStatus> StatusAsync(ReadModel model, CancellationToken cancellationToken)
    {
        var versions = await store.GetAsync(model, cancellationToken);
        return StatusOf(model, versions, versions.Building is { } building ? await MeasureAsync(model, building, cancellationToken) : null);
    }

    /// <summary>
    /// Starts building a new version from the earliest offsets. Refused (<see cref="RebuildRefusedException"/>) when a
    /// topic no longer holds its first records, unless <paramref name="fromRemaining"/>: then it is built from what remains.
    /// </summary>
    public async Task<ViewStatus> StartAsync(ReadModel model, bool fromRemaining, CancellationToken cancellationToken)
    {
        var lost = RebuildCatchUp.LostHistory(await log.RangesAsync(model.Topics, cancellationToken));
        if (lost is not null && !fromRemaining)
            throw new RebuildRefusedException($"{lost}. To build the {model.Name} read model from what remains, ask again with fromRemaining (./run.sh views rebuild {model.Name} --from-remaining).");

        // The table first, so that no writer ever meets a version without one; a version lost to a concurrent start stays empty and unused.
        var current = await store.GetAsync(model, cancellationToken);
        if (current.Building is null)
            await tables.Table(model.TableOf(current.LastVersion + 1)).CreateIfNotExistsAsync(cancellationToken);
        var versions = await store.ChangeAsync(model, v => v.StartBuilding(clock.GetUtcNow(), fromRemaining), cancellationToken);
        // Another start and cancel in between took that number: this build got the next one.
        if (versions.Building != current.LastVersion + 1)
            await tables.Table(model.TableOf(versions.Building!.Value)).CreateIfNotExistsAsync(cancellationToken);
        views.Remember(model, versions);
        logger.LogWarning("Building version {Version} of the {Model} read model from the log{Remaining}", versions.Building, model.Name,
            lost is null ? "" : " (from what remains: " + lost + ")");
        return StatusOf(model, versions, null);
    }

    /// <summary>Serves the previous version again; the one that served becomes the previous, so a second rollback undoes the first.</summary>
    public async Task<ViewStatus> RollbackAsync(ReadModel model, CancellationToken cancellationToken)
    {
        var versions = await store.ChangeAsync(model, v => v.RolledBack(), cancellationToken);
        views.Remember(model, versions);
        logger.LogWarning("The {Model} read model serves version {Version} again", model.Name, versions.Active);
        return StatusOf(model, versions, null);
    }

    public async Task<ViewStatus> CancelAsync(ReadModel model, CancellationToken cancellationToken)
    {
        var cancelled = 0;
        var versions = await store.ChangeAsync(model, v => v.Cancelled(out cancelled), cancellationToken);
        views.Remember(model, versions);
        logger.LogWarning("The build of version {Version} of the {Model} read model was cancelled", cancelled, model.Name);
        DeleteLater(model, cancelled);
        return StatusOf(model, versions, null);
    }

    /// <summary>Stops keeping the previous version (and writing it twice); there is nothing to roll back to afterwards.</summary>
    public async Task<ViewStatus> DropPreviousAsync(ReadModel model, CancellationToken cancellationToken)
    {
        var dropped = 0;
        var versions = await store.ChangeAsync(model, v => v.PreviousDropped(out dropped), cancellationToken);
        views.Remember(model, versions);
        DeleteLater(model, dropped);
        return StatusOf(model, versions, null);
    }

    /// <summary>Switches readers to the version being built, as <paramref name="versions"/> were just read, if it has caught up; says whether it did.</summary>
    public async Task<bool> SwitchIfCaughtUpAsync(ReadModel model, ViewVersions versions, CancellationToken cancellationToken)
    {
        if (versions.Building is not { } building) return false;
        var progress = await MeasureAsync(model, building, cancellationToken);
        // With orders flowing the build is always a batch or so behind the ends just read: give it a moment to pass
        // those ends, rather than measuring new ones that it is again a moment behind.
        for (var look = 0; !progress.CaughtUp && progress.Partitions.Sum(p => p.Remaining) <= CloseEnough && look < LooksToPassTheEnds; look++)
        {
            await Task.Delay(BetweenLooks, clock, cancellationToken);
            progress = RebuildProgress.Of(progress.MeasuredAt, progress.Ranges, await log.CommittedAsync(model.RebuildGroupOf(building), model.Topics, cancellationToken));
        }
        if (!RebuildCatchUp.CanSwitch(versions, progress, options.VersionsTtl)) return false;

        // A deleted view is rebuilt too; it is not kept as the previous version, since nothing could write it.
        var activeExists = versions.Active is not { } active || await ExistsAsync(model.TableOf(active), cancellationToken);
        int? retired = null;
        var switched = await store.ChangeAsync(model,
            v => v.Building == building ? v.Switched(out retired, activeExists) : throw new ViewVersionConflictException("the build changed meanwhile"), cancellationToken);
        views.Remember(model, switched);
        logger.LogWarning("The {Model} read model serves version {Version}, built from {Records} records; {Previous}",
            model.Name, building, progress.RecordsProjected, switched.Previous is { } previous ? $"version {previous} is kept for a rollback" : "there is no previous version");
        if (retired is { } old) DeleteLater(model, old);
        return true;
    }

    private async Task<bool> ExistsAsync(string table, CancellationToken cancellationToken)
    {
        var name = tables.Table(table).Name;
        await foreach (var _ in tables.Service.QueryAsync(t => t.Name == name, maxPerPage: 1, cancellationToken: cancellationToken)) return true;
        return false;
    }

    private ViewStatus StatusOf(ReadModel model, ViewVersions versions, RebuildProgress? progress) => ViewStatus.Of(model, versions, progress, options.VersionsTtl);

    private async Task<RebuildProgress> MeasureAsync(ReadModel model, int building, CancellationToken cancellationToken)
    {
        var measuredAt = clock.GetUtcNow();
        var ranges = await log.RangesAsync(model.Topics, cancellationToken);
        var committed = await log.CommittedAsync(model.RebuildGroupOf(building), model.Topics, cancellationToken);
        return RebuildProgress.Of(measuredAt, ranges, committed);
    }

    /// <summary>
    /// Deletes a version's table once no instance can still be writing it (they re-read the versions within their TTL).
    /// If the process stops first, the table stays, unused; deleting it by hand is safe.
    /// </summary>
    private void DeleteLater(ReadModel model, int version) => _ = Task.Run(async () =>
    {
        try
        {
            await Task.Delay(RebuildCatchUp.WritersJoinWithin(options.VersionsTtl), clock);
            await tables.Table(model.TableOf(version)).DeleteAsync();
            logger.LogInformation("Deleted {Table}, version {Version} of the {Model} read model, no longer kept", model.TableOf(version), version, model.Name);
        }
        catch (Exception e)
        {
            logger.LogWarning("{Table} (version {Version} of the {Model} read model) is no longer used, but was not deleted: {Reason}", model.TableOf(version), version, model.Name, e.Message);
        }
    });
}
