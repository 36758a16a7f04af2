using System.Collections.Concurrent;
using System.Collections.Immutable;
using EventFunctions.Contracts;

namespace EventFunctions.ReadSide.OrderViews;

/// <summary>In-process change signals, for hosts where the projection and the API share a process.</summary>
public sealed class OrderViewChanges : IOrderViewChanges
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> waiting = new();

    public TimeSpan RecheckInterval => Timeout.InfiniteTimeSpan;

    private ImmutableArray<Action<IReadOnlyList<EventEnvelope>>> listeners = [];

    public void Changed(IReadOnlyList<EventEnvelope> committed)
    {
        foreach (var orderId in committed.Select(e => e.Subject).Distinct())
            if (waiting.TryRemove(orderId, out var signal)) signal.TrySetResult();
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

    public Task NextChange(string orderId) =>
        waiting.GetOrAdd(orderId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
}
