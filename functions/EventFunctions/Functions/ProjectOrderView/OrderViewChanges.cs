using System.Collections.Concurrent;

namespace EventFunctions.Functions.ProjectOrderView;

/// <summary>In-process change signals: enough where the projection and the API share a process; elsewhere readers fall back to their poll interval.</summary>
public sealed class OrderViewChanges : IOrderViewChanges
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> waiting = new();

    public void Changed(IEnumerable<string> orderIds)
    {
        foreach (var orderId in orderIds)
            if (waiting.TryRemove(orderId, out var signal)) signal.TrySetResult();
    }

    public async Task WaitAsync(string orderId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var signal = waiting.GetOrAdd(orderId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await signal.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            waiting.TryRemove(new KeyValuePair<string, TaskCompletionSource>(orderId, signal));
        }
    }
}
