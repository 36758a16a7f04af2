using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EventFunctions.Telemetry;
using Microsoft.Extensions.Logging;

namespace EventFunctions.Operations.Overdue;

/// <summary>
/// Scans for overdue orders and reports each one once, with its order id and the step it waits on. It only reports:
/// a transient fault is already retried for as long as it lasts, and a permanent one settled in seconds, so an order
/// overdue waits on a long outage (which must not be turned into a refusal of a good order) or on a dead letter (which
/// a person redrives once the cause is fixed). Compensating on a timer would race the pipeline for the same order.
/// </summary>
public sealed class OverdueOrderMonitor
{
    private readonly ConcurrentDictionary<string, byte> reported = new();
    private readonly OverdueOrderScan scan;
    private readonly ILogger<OverdueOrderMonitor> logger;

    public OverdueOrderMonitor(OverdueOrderScan scan, IMeterFactory meters, ILogger<OverdueOrderMonitor> logger)
    {
        this.scan = scan;
        this.logger = logger;
        // Nothing to report before the first scan, rather than a zero nobody measured.
        PipelineMetrics.Meter(meters).CreateObservableGauge("eventfunctions.orders.overdue",
            () => LastScan is { } scan ? [new Measurement<int>(scan.Orders.Count)] : Array.Empty<Measurement<int>>(), "{order}", "Orders past their deadline at the last overdue scan.");
    }

    /// <summary>The last scan's orders; null before the first.</summary>
    public OverdueScanResult? LastScan { get; private set; }

    public async Task<IReadOnlyList<OverdueOrder>> ScanAsync(CancellationToken cancellationToken)
    {
        var overdue = await scan.FindAsync(cancellationToken);
        LastScan = new OverdueScanResult(DateTimeOffset.UtcNow, overdue);
        foreach (var order in overdue.Where(o => reported.TryAdd(o.OrderId, 0)))
            logger.LogWarning("Order {OrderId} is overdue: {Status} for {Minutes:F0} min, waiting on {Function}{Reason}",
                order.OrderId, order.Status, order.Overdue.TotalMinutes, order.StuckAt, order.Reason is null ? "" : $" ({order.Reason})");
        // Orders no longer overdue are forgotten, so one that falls behind again is reported again.
        foreach (var gone in reported.Keys.Except(overdue.Select(o => o.OrderId)).ToList()) reported.TryRemove(gone, out _);
        if (overdue.Count > 0) logger.LogWarning("{Count} orders are overdue (deadline {Deadline})", overdue.Count, scan.Deadline);
        return overdue;
    }
}

/// <summary>What an overdue scan found, and when.</summary>
public sealed record OverdueScanResult(DateTimeOffset At, IReadOnlyList<OverdueOrder> Orders);
