using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;

namespace EventFunctions.Storage;

/// <summary>
/// Counts every HTTP request sent to Table Storage, retries included, by who sent it: each function's runner
/// names itself for the duration of a batch; everything else (the HTTP API) counts as "api".
/// With <see cref="MeasureWrites"/> on (the benchmark), it also counts the entities and bytes each write sends, and
/// the entities each request reads or writes by Table partition (<see cref="TableRequestEntities"/>).
/// </summary>
public sealed class StorageRoundTrips : HttpPipelinePolicy
{
    public const string Api = "api";

    private static readonly AsyncLocal<string?> CurrentCaller = new();
    private readonly ConcurrentDictionary<string, StorageUse> counts = new();
    private readonly ConcurrentDictionary<TablePartition, long> entitiesByPartition = new();

    /// <summary>
    /// Also count queries, entities and bytes written, and entities read or written by partition. Off by default: a
    /// transaction's entities are counted in its multipart body, which this writes out once more, and a query's in its answer.
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

    /// <summary>The entities read or written so far in each partition, whoever sent them (measured with <see cref="MeasureWrites"/>).</summary>
    public IReadOnlyDictionary<TablePartition, long> EntitiesByPartition() => entitiesByPartition.ToDictionary(p => p.Key, p => p.Value);

    public long Total => counts.Values.Sum(c => c.RoundTrips);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var written = Count(message.Request);
        ProcessNext(message, pipeline);
        CountByPartition(message, written);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        var written = Count(message.Request);
        await ProcessNextAsync(message, pipeline);
        CountByPartition(message, written);
    }

    /// <summary>Counts the request by its caller; returns a write's partition and entities, for <see cref="CountByPartition"/>.</summary>
    private (TablePartition Partition, int Entities)? Count(Request request)
    {
        var use = counts.GetOrAdd(CurrentCaller.Value ?? Api, _ => new StorageUse());
        Interlocked.Increment(ref use.RoundTrips);
        if (!MeasureWrites) return null;
        if (request.Method == RequestMethod.Get)
        {
            if (request.Uri.Query.Contains("%24filter", StringComparison.Ordinal) || request.Uri.Query.Contains("$filter", StringComparison.Ordinal))
                Interlocked.Increment(ref use.QueriesSent);
            return null;
        }
        using var body = new MemoryStream();
        request.Content?.WriteTo(body, CancellationToken.None); // a delete has none
        Interlocked.Add(ref use.BytesWritten, body.Length);
        var written = TableRequestEntities.Written(request.Uri.ToUri(), body.GetBuffer().AsSpan(0, (int)body.Length));
        Interlocked.Add(ref use.EntitiesWritten, written.Entities);
        return written;
    }

    /// <summary>
    /// After the answer, since a query's entities are the rows it returned. A request that failed to reach the service
    /// (an exception from the transport) counts in no partition: it loaded none.
    /// </summary>
    private void CountByPartition(HttpMessage message, (TablePartition Partition, int Entities)? written)
    {
        if (!MeasureWrites) return;
        IReadOnlyList<(TablePartition Partition, int Entities)> touched = written is { } write
            ? [write]
            : TableRequestEntities.Read(message.Request.Uri.ToUri(), message.HasResponse && message.Response.ContentStream is MemoryStream ? message.Response.Content.ToMemory().Span : default);
        foreach (var (partition, entities) in touched)
            entitiesByPartition.AddOrUpdate(partition, entities, (_, sum) => sum + entities);
    }

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
