using EventFunctions.ReadSide.Versions;

namespace EventFunctions.ReadSide.Rebuild;

/// <summary>
/// Whether any read model is being built. A host that scales to zero (Flex Consumption) keeps an instance busy with
/// this while one is, so that the build's consumers, which run on the instances and are no trigger the platform
/// scales on, keep going.
/// </summary>
public sealed class BuildsInProgress(IViewVersionStore store, ViewRebuildOptions options)
{
    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        foreach (var model in ReadModels.All)
            if ((await store.GetAsync(model, cancellationToken)).Building is not null) return true;
        return false;
    }

    /// <summary>Returns when no build is in progress, or after <paramref name="atMost"/>; says whether one still was.</summary>
    public async Task<bool> WaitWhileAnyAsync(TimeSpan atMost, TimeProvider clock, CancellationToken cancellationToken)
    {
        var until = clock.GetUtcNow() + atMost;
        while (await AnyAsync(cancellationToken))
        {
            if (clock.GetUtcNow() >= until) return true;
            await Task.Delay(options.CheckInterval, clock, cancellationToken);
        }
        return false;
    }
}
