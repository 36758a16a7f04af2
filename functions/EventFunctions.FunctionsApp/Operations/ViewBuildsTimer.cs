using EventFunctions.ReadSide.Rebuild;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.FunctionsApp.Operations;

/// <summary>
/// Every minute, while a read model is being built, an invocation that lasts until the next one: Flex Consumption
/// keeps an instance while it runs a function, and the build's consumers (<see cref="ViewRebuildWorker"/>) run on the
/// app's instances, in a consumer group the platform does not scale on. Without a build it returns at once.
/// </summary>
public sealed class ViewBuildsTimer(BuildsInProgress builds, TimeProvider clock)
{
    private static readonly TimeSpan UntilTheNextTick = TimeSpan.FromSeconds(55);

    [Function("KeepViewBuildsRunning")]
    public Task KeepViewBuildsRunning([TimerTrigger(OverdueOrdersTimer.EveryMinute)] TimerInfo timer, CancellationToken cancellationToken) =>
        builds.WaitWhileAnyAsync(UntilTheNextTick, clock, cancellationToken);
}
