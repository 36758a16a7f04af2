using EventFunctions.Operations.Overdue;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.FunctionsApp.Operations;

/// <summary>
/// Every minute, the overdue scan: each order past its deadline (<c>OrderDeadline</c>, default five minutes) is logged
/// once, with the step it waits on, for Application Insights to alert on. It compensates nothing (see
/// <see cref="OverdueOrderMonitor"/>).
/// </summary>
public sealed class OverdueOrdersTimer(OverdueOrderMonitor monitor)
{
    public const string EveryMinute = "0 * * * * *";

    [Function("ReportOverdueOrders")]
    public Task ReportOverdueOrders([TimerTrigger(EveryMinute)] TimerInfo timer, CancellationToken cancellationToken) =>
        monitor.ScanAsync(cancellationToken);
}
