using System.Collections.Concurrent;
using System.Collections.Immutable;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;

namespace EventFunctions.ReadSide.OrderViews;

/// <summary>In-process change signals, for hosts where the projection and the API share a process.</summary>
public sealed class OrderViewChanges : IOrderViewChanges
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource<IReadOnlyList<IOrderEvent>>> waiting = new();

    public TimeSpan RecheckInterval => Timeout.InfiniteTimeSpan;

    private ImmutableArray<Action<IReadOnlyList<EventEnvelope>>> listeners = [];

    public void Changed(IReadOnlyList<EventEnvelope> committed)
    {
        foreach (var order in committed.GroupBy(e => e.Subject))
            if (waiting.TryRemove(order.Key, out var signal)) signal.TrySetResult(order.Select(e => e.Data).ToList());
        foreach (var listener in listeners) listener(committed);
    }

    public IDisposable Subscribe(Action<IReadOnlyList<EventEnvelope>> listener)
    {
        ImmutableInterlocked.Update(ref listeners, l => l.Add(listener));
        return new Unsubscribe(() => ImmutableInterlocked.Update(ref listeners, l => l.Remove(listener)));
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }

    public Task<IReadOnlyList<IOrderEvent>> NextChange(string orderId) =>
        waiting.GetOrAdd(orderId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
}
