using EventFunctions.Operations;
using EventFunctions.Operations.Overdue;
using EventFunctions.Processing.Retries;

namespace EventFunctions.LocalHost.Operations;

/// <summary>The local host's timer for the overdue scan (the Functions app has a TimerTrigger): it reports, nothing more.</summary>
public sealed class OverdueOrdersService(OverdueOrderMonitor monitor, OperationsOptions options, ILogger<OverdueOrdersService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.OverdueScanInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await monitor.ScanAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // Storage away: the functions report that already; the next tick scans again.
                logger.LogDebug("Overdue scan skipped: {Failure}", FailureClassifier.Classify(e));
            }
        }
    }
}
