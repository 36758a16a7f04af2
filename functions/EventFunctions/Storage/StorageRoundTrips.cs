using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace EventFunctions.Storage;

/// <summary>
/// Counts every HTTP request sent to Table Storage, retries included, by who sent it: each function's runner
/// names itself for the duration of a batch; everything else (the HTTP API) counts as "api".
/// </summary>
public sealed class StorageRoundTrips : HttpPipelinePolicy
{
    public const string Api = "api";

    private static readonly AsyncLocal<string?> CurrentCaller = new();
    private readonly ConcurrentDictionary<string, long> counts = new();

    /// <summary>Attributes the requests of the current async flow to <paramref name="caller"/> until disposed.</summary>
    public static IDisposable AttributeTo(string caller)
    {
        var previous = CurrentCaller.Value;
        CurrentCaller.Value = caller;
        return new Restore(previous);
    }

    public IReadOnlyDictionary<string, long> Snapshot() => new Dictionary<string, long>(counts);

    public long Total => counts.Values.Sum();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count();
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count();
        return ProcessNextAsync(message, pipeline);
    }

    private void Count() => counts.AddOrUpdate(CurrentCaller.Value ?? Api, 1, (_, n) => n + 1);

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => CurrentCaller.Value = previous;
    }
}
