using System.Collections.Concurrent;

namespace EventFunctions.Functions.ProjectOrderView;

/// <summary>In-process change signals, for hosts where the projection and the API share a process.</summary>
public sealed class OrderViewChanges : IOrderViewChanges
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> waiting = new();

    public TimeSpan RecheckInterval => Timeout.InfiniteTimeSpan;

    public void Changed(IEnumerable<string> orderIds)
    {
        foreach (var orderId in orderIds)
            if (waiting.TryRemove(orderId, out var signal)) signal.TrySetResult();
    }

    public Task NextChange(string orderId) =>
        waiting.GetOrAdd(orderId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
}
