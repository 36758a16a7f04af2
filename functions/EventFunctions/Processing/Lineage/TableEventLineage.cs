using System.Collections.Concurrent;
using System.Security.Cryptography;
using Azure.Data.Tables;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Messaging;
using EventFunctions.Storage;

namespace EventFunctions.Processing.Lineage;

/// <summary>
/// Checks each event against where its writer recorded it: an OrderPlaced against the API's claim of its order; any
/// other against its writer's inbox row for its cause, whose outbox must hold this very record: same id, and same bytes,
/// or, when the two were written in different schema versions, the same data once upcast (<see cref="RecordContent"/>).
/// One query per table, shard and 14 events; a record found once is remembered (by its id and the hash of its
/// value), since what was committed stays so.
/// </summary>
public sealed class TableEventLineage(TableStorage tables, IOrderRequests requests, IEnumerable<IEventFunction> functions) : IEventLineage
{
    private const int Remembered = 200_000;

    private readonly IReadOnlyDictionary<string, string> homeTables = functions.ToDictionary(f => f.Name, f => f.HomeTable);
    private readonly ConcurrentDictionary<string, byte> verified = new();

    public async Task<IReadOnlyDictionary<string, string>> FindOrphansAsync(
        IReadOnlyList<(EventEnvelope Event, IncomingRecord Record)> events, CancellationToken cancellationToken)
    {
        var orphans = new ConcurrentDictionary<string, string>();
        var unverified = events.Where(e => !verified.ContainsKey(Fingerprint(e.Record))).ToList();
        var placed = unverified.Where(e => e.Event.Data is OrderPlaced).ToList();
        var caused = unverified.Where(e => e.Event.Data is not OrderPlaced).ToList();
        await Task.WhenAll(CheckPlacedAsync(placed, orphans, cancellationToken), CheckCausedAsync(caused, orphans, cancellationToken));

        if (verified.Count >= Remembered) verified.Clear();
        foreach (var (_, record) in unverified.Where(e => !orphans.ContainsKey(e.Event.Id))) verified[Fingerprint(record)] = 0;
        return orphans;
    }

    private async Task CheckPlacedAsync(List<(EventEnvelope Event, IncomingRecord Record)> placed, ConcurrentDictionary<string, string> orphans, CancellationToken cancellationToken)
    {
        if (placed.Count == 0) return;
        var claims = await requests.FindAsync(placed.Select(p => p.Event.Subject).ToList(), cancellationToken);
        foreach (var (@event, _) in placed)
        {
            if (!claims.TryGetValue(@event.Subject, out var fingerprint))
                orphans[@event.Id] = $"order {@event.Subject} was never accepted by the API";
            else if (fingerprint != OrderFingerprint.Of((OrderPlaced)@event.Data))
                orphans[@event.Id] = $"order {@event.Subject} was accepted with other content";
        }
    }

    private async Task CheckCausedAsync(List<(EventEnvelope Event, IncomingRecord Record)> caused, ConcurrentDictionary<string, string> orphans, CancellationToken cancellationToken)
    {
        // Writer and cause are vouched for by Provenance: the event's id is derived from them.
        var byRow = caused.GroupBy(e => (Writer: WriterOf(e.Record), Shard: OrderShard.Of(e.Event.Subject)));
        await Task.WhenAll(byRow.SelectMany(group => group.Chunk(TableLimits.RowKeysPerQuery).Select(async chunk =>
        {
            var writer = group.Key.Writer;
            var keys = chunk.ToDictionary(e => e.Event.Id, e => InboxRow.Key(writer, e.Event.Subject, e.Event.CausationId!));
            var rows = (await TableRows.FindAsync(tables.Table(homeTables[writer]), group.Key.Shard, keys.Values.Distinct().ToList(), null, cancellationToken))
                .ToDictionary(row => row.RowKey);
            foreach (var (@event, record) in chunk)
            {
                if (!rows.TryGetValue(keys[@event.Id], out var inbox))
                    orphans[@event.Id] = $"its cause {@event.CausationId} was never processed by {writer}";
                else if (!InboxRow.ReadOutbox(inbox).Any(r => IdOf(r) == @event.Id && SameContent(@event, record, r)))
                    orphans[@event.Id] = $"it is not what {writer} emitted for its cause {@event.CausationId}";
            }
        })));
    }

    /// <summary>A record's identity for the memory of verified records: its event id and the hash of its value.</summary>
    private static string Fingerprint(IncomingRecord record) =>
        record.Headers.LastOrDefault(h => h.Key == CloudEventHeaders.Id)?.ValueAsText + ":" + Convert.ToHexString(SHA256.HashData(record.Value ?? []));

    /// <summary>A stored record whose schema cannot be read is not the same as anything.</summary>
    private static bool SameContent(EventEnvelope @event, IncomingRecord record, OutgoingRecord stored)
    {
        try
        {
            return RecordContent.Same(@event.Data.GetType(), EventCodec.VersionOf(record, @event.Type), record.Value,
                EventCodec.VersionOf(stored.Headers, @event.Type), stored.Value);
        }
        catch (PoisonEventException)
        {
            return false;
        }
    }

    private static string WriterOf(IncomingRecord record) => Topics.Get(record.Topic).Writer;

    private static string? IdOf(OutgoingRecord record) => record.Headers.LastOrDefault(h => h.Key == CloudEventHeaders.Id)?.ValueAsText;
}
