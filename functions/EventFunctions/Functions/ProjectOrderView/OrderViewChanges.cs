using System.Collections.Concurrent;
using EventFunctions.Contracts.Events;

namespace EventFunctions.Functions.ProjectOrderView;

/// <summary>In-process change signals, for hosts where the projection and the API share a process.</summary>
public sealed class OrderViewChanges : IOrderViewChanges
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<IReadOnlyList<IOrderEvent>>> waiting = new();

    public TimeSpan RecheckInterval => Timeout.InfiniteTimeSpan;

    public void Changed(IEnumerable<IOrderEvent> committed)
    {
        foreach (var order in committed.GroupBy(e => e.OrderId))
            if (waiting.TryRemove(order.Key, out var signal)) signal.TrySetResult(order.ToList());
    }

    public Task<IReadOnlyList<IOrderEvent>> NextChange(string orderId) =>
        waiting.GetOrAdd(orderId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
}
