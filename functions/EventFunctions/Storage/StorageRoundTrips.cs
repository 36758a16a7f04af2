using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace EventFunctions.Storage;

/// <summary>
/// Counts every HTTP request sent to Table Storage, retries included, by who sent it: each function's runner
/// names itself for the duration of a batch; everything else (the HTTP API) counts as "api".
/// With <see cref="MeasureWrites"/> on (the benchmark), it also counts the entities and bytes each write sends.
/// </summary>
public sealed class StorageRoundTrips : HttpPipelinePolicy
{
    public const string Api = "api";

    private static readonly AsyncLocal<string?> CurrentCaller = new();
    private readonly ConcurrentDictionary<string, StorageUse> counts = new();

    /// <summary>
    /// Also count queries, and entities and bytes written. Off by default: a transaction's entities are counted in its multipart
    /// body, which this writes out once more.
    /// </summary>
    public bool MeasureWrites { get; set; }

    /// <summary>Attributes the requests of the current async flow to <paramref name="caller"/> until disposed.</summary>
    public static IDisposable AttributeTo(string caller)
    {
        var previous = CurrentCaller.Value;
        CurrentCaller.Value = caller;
        return new Restore(previous);
    }

    public IReadOnlyDictionary<string, StorageUse> Snapshot() => counts.ToDictionary(c => c.Key, c => c.Value.Copy());

    public long Total => counts.Values.Sum(c => c.RoundTrips);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message.Request);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message.Request);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(Request request)
    {
        var use = counts.GetOrAdd(CurrentCaller.Value ?? Api, _ => new StorageUse());
        Interlocked.Increment(ref use.RoundTrips);
        if (!MeasureWrites) return;
        if (request.Method == RequestMethod.Get)
        {
            if (request.Uri.Query.Contains("%24filter", StringComparison.Ordinal) || request.Uri.Query.Contains("$filter", StringComparison.Ordinal))
                Interlocked.Increment(ref use.QueriesSent);
            return;
        }
        if (request.Content is not { } content)
        {
            Interlocked.Increment(ref use.EntitiesWritten); // a delete
            return;
        }
        using var body = new MemoryStream();
        content.WriteTo(body, CancellationToken.None);
        Interlocked.Add(ref use.BytesWritten, body.Length);
        Interlocked.Add(ref use.EntitiesWritten, request.Uri.Path.EndsWith("$batch", StringComparison.Ordinal) ? OperationsIn(body.GetBuffer().AsSpan(0, (int)body.Length)) : 1);
    }

    /// <summary>The operations of an entity group transaction: one <c>application/http</c> part each.</summary>
    private static int OperationsIn(ReadOnlySpan<byte> body) => body.Count("Content-Type: application/http"u8);

    private sealed class Restore(string? previous) : IDisposable
    {
        public void Dispose() => CurrentCaller.Value = previous;
    }
}

/// <summary>What one caller sent to Table Storage: requests, and (when measured) queries among them, entities and bytes written.</summary>
public sealed class StorageUse
{
    internal long RoundTrips;
    internal long QueriesSent;
    internal long EntitiesWritten;
    internal long BytesWritten;

    public long Requests => Interlocked.Read(ref RoundTrips);
    public long Queries => Interlocked.Read(ref QueriesSent);
    public long Entities => Interlocked.Read(ref EntitiesWritten);
    public long Bytes => Interlocked.Read(ref BytesWritten);

    public static StorageUse Of(long requests, long queries, long entities, long bytes) =>
        new() { RoundTrips = requests, QueriesSent = queries, EntitiesWritten = entities, BytesWritten = bytes };

    internal StorageUse Copy() => Of(Requests, Queries, Entities, Bytes);
}
