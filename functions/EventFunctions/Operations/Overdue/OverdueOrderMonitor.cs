using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace EventFunctions.Operations.Overdue;

/// <summary>
/// Scans for overdue orders and reports each one once, with its order id and the step it waits on. It only reports:
/// a transient fault is already retried for as long as it lasts, and a permanent one settled in seconds, so an order
/// overdue waits on a long outage (which must not be turned into a refusal of a good order) or on a dead letter (which
/// a person redrives once the cause is fixed). Compensating on a timer would race the pipeline for the same order.
/// </summary>
public sealed class OverdueOrderMonitor(OverdueOrderScan scan, ILogger<OverdueOrderMonitor> logger)
{
    private readonly ConcurrentDictionary<string, byte> reported = new();

    public async Task<IReadOnlyList<OverdueOrder>> ScanAsync(CancellationToken cancellationToken)
    {
        var overdue = await scan.FindAsync(cancellationToken);
        foreach (var order in overdue.Where(o => reported.TryAdd(o.OrderId, 0)))
            logger.LogWarning("Order {OrderId} is overdue: {Status} for {Minutes:F0} min, waiting on {Function}{Reason}",
                order.OrderId, order.Status, order.Overdue.TotalMinutes, order.StuckAt, order.Reason is null ? "" : $" ({order.Reason})");
        // Orders no longer overdue are forgotten, so one that falls behind again is reported again.
        foreach (var gone in reported.Keys.Except(overdue.Select(o => o.OrderId)).ToList()) reported.TryRemove(gone, out _);
        if (overdue.Count > 0) logger.LogWarning("{Count} orders are overdue (deadline {Deadline})", overdue.Count, scan.Deadline);
        return overdue;
    }
}
