using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using EventFunctions.Contracts;
using EventFunctions.Messaging;
using EventFunctions.Storage;
using Microsoft.Extensions.Logging;

namespace EventFunctions.Processing;

/// <summary>
/// Commits effects shard by shard in entity group transactions of up to 100 rows. The inbox row and the state rows
/// of one effect always share a transaction, so an effect is either wholly recorded or not at all.
/// A conflict (409) names the row that already exists; the store settles that effect and resubmits the rest.
/// </summary>
public sealed class TableEffectStore(TableStorage tables, ILogger<TableEffectStore> logger) : IEffectStore
{
    private const int ParallelQueries = 16;

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<OutgoingRecord>>> FindProcessedAsync(
        IEventFunction function, IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        var found = new ConcurrentDictionary<string, IReadOnlyList<OutgoingRecord>>();
        if (!function.KeepsInbox() || events.Count == 0) return found;

        var table = tables.Table(function.HomeTable);
        var queries = events
            .GroupBy(e => OrderShard.Of(e.Subject))
            .SelectMany(shard => shard.Chunk(TableLimits.RowKeysPerQuery).Select(chunk => (Shard: shard.Key, Events: chunk)));
        await Parallel.ForEachAsync(queries, new ParallelOptions { MaxDegreeOfParallelism = ParallelQueries, CancellationToken = cancellationToken },
            async (query, token) =>
            {
                foreach (var row in await TableRows.FindAsync(table, query.Shard, query.Events.Select(e => InboxRow.Key(function, e)).ToList(), null, token))
                    found[row.GetString(InboxRow.EventId)] = InboxRow.ReadOutbox(row);
            });
        return found;
    }

    public async Task<CommitResult> CommitAsync(
        IEventFunction function, IReadOnlyList<PendingEffect> effects, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> targets = function is IProjection projection
            ? await projection.WriteTablesAsync(cancellationToken)
            : [function.HomeTable];
        if (targets.Count == 0) return CommitResult.Of([]);
        // A projection keeps several versions current: each gets the same rows, and the first (the active one) says
        // what was new. Facts are first-wins, so a version that had a row already settles it the same way.
        var results = await Task.WhenAll(targets.Select(target => CommitToAsync(tables.Table(target), function, effects, cancellationToken)));
        return results[0];
    }

    private async Task<CommitResult> CommitToAsync(
        TableClient table, IEventFunction function, IReadOnlyList<PendingEffect> effects, CancellationToken cancellationToken)
    {
        var duplicates = new ConcurrentDictionary<string, byte>();

        var shards = effects.GroupBy(p => OrderShard.Of(p.Effect.OrderId))
            .Select(shard => CommitShardAsync(table, function, shard.ToList(), duplicates, cancellationToken)).ToList();
        await Task.WhenAll(shards);
        return new CommitResult(shards.SelectMany(shard => shard.Result).ToList(), duplicates.Keys.ToHashSet());
    }

    private async Task<List<OutgoingRecord>> CommitShardAsync(
        TableClient table, IEventFunction function, List<PendingEffect> effects, ConcurrentDictionary<string, byte> duplicates, CancellationToken cancellationToken)
    {
        var published = new List<OutgoingRecord>();
        var units = UnitsOf(function, effects);
        foreach (var duplicate in units.Where(u => u.IsBusinessDuplicate)) duplicates.TryAdd(duplicate.Effect.Cause.Id, 0);
        foreach (var chunk in Chunk(units))
            await CommitChunkAsync(table, function, chunk, published, duplicates, cancellationToken);
        return published;
    }

    private async Task CommitChunkAsync(
        TableClient table, IEventFunction function, List<CommitUnit> units, List<OutgoingRecord> published,
        ConcurrentDictionary<string, byte> duplicates, CancellationToken cancellationToken)
    {
        while (units.Count > 0)
        {
            var actions = units.SelectMany(u => u.Rows).Select(r => r.Action).ToList();
            try
            {
                await table.SubmitTransactionAsync(actions, cancellationToken);
                published.AddRange(units.SelectMany(u => u.Outbox));
                return;
            }
            catch (TableTransactionFailedException e) when (e.Status == 409)
            {
                if (e.FailedTransactionActionIndex is not int index)
                {
                    // The service did not say which row: settle the units one at a time instead.
                    if (units.Count == 1) throw;
                    foreach (var unit in units)
                        await CommitChunkAsync(table, function, [unit], published, duplicates, cancellationToken);
                    return;
                }
                await SettleConflictAsync(table, function, units, index, published, duplicates, cancellationToken);
            }
        }
    }

    private async Task SettleConflictAsync(
        TableClient table, IEventFunction function, List<CommitUnit> units, int failedIndex,
        List<OutgoingRecord> published, ConcurrentDictionary<string, byte> duplicates, CancellationToken cancellationToken)
    {
        var (unit, row) = units.SelectMany(u => u.Rows.Select(r => (Unit: u, Row: r))).ElementAt(failedIndex);
        switch (row.Change?.OnConflict)
        {
            case null:
                // The inbox row exists: another delivery committed this effect; publish what it stored.
                var stored = await table.GetEntityAsync<TableEntity>(row.Action.Entity.PartitionKey, row.Action.Entity.RowKey, cancellationToken: cancellationToken);
                published.AddRange(InboxRow.ReadOutbox(stored.Value));
                units.Remove(unit);
                duplicates.TryAdd(unit.Effect.Cause.Id, 0);
                break;
            case ConflictRule.FirstWins:
                // Where one first-wins row of the chunk exists, others may too (a lagging trigger meets many rows that
                // faster ones wrote): drop every existing one at once, so that a chunk is resubmitted once, not once
                // per existing row, each time with all its rows.
                var existing = await ExistingFirstWinsAsync(table, units, cancellationToken);
                existing.Add((row.Action.Entity.PartitionKey, row.Action.Entity.RowKey));
                foreach (var (owner, dropped) in units.SelectMany(u => u.Rows.Select(r => (Unit: u, Row: r))).ToList()
                    .Where(r => r.Row.Change?.OnConflict == ConflictRule.FirstWins && existing.Contains((r.Row.Action.Entity.PartitionKey, r.Row.Action.Entity.RowKey))))
                {
                    owner.Rows.Remove(dropped);
                    if (owner.Rows.Count > 0) continue;
                    // Every fact it records was recorded already: a repeat of the event.
                    units.Remove(owner);
                    published.AddRange(owner.Outbox);
                    duplicates.TryAdd(owner.Effect.Cause.Id, 0);
                }
                break;
            default:
                // A one-time effect already happened for this order through another event: record the event as
                // processed, emit nothing, so the order's state stays what the first event made it.
                logger.LogWarning("{Function}: {Row} already exists; event {EventId} is a duplicate in effect and emits nothing",
                    function.Name, row.Action.Entity.RowKey, unit.Effect.Cause.Id);
                units[units.IndexOf(unit)] = unit.AsBusinessDuplicate(function);
                duplicates.TryAdd(unit.Effect.Cause.Id, 0);
                break;
        }
    }

    /// <summary>The chunk's first-wins rows that exist already: one query per partition and <see cref="TableLimits.RowKeysPerQuery"/> rows.</summary>
    private static async Task<HashSet<(string Partition, string RowKey)>> ExistingFirstWinsAsync(
        TableClient table, List<CommitUnit> units, CancellationToken cancellationToken)
    {
        var queries = units.SelectMany(u => u.Rows).Where(r => r.Change?.OnConflict == ConflictRule.FirstWins)
            .Select(r => (r.Action.Entity.PartitionKey, r.Action.Entity.RowKey)).Distinct()
            .GroupBy(r => r.PartitionKey)
            .SelectMany(partition => partition.Chunk(TableLimits.RowKeysPerQuery).Select(chunk => (Partition: partition.Key, Keys: chunk.Select(r => r.RowKey).ToList())));
        var found = await Task.WhenAll(queries.Select(q => TableRows.FindAsync(table, q.Partition, q.Keys, ["PartitionKey", "RowKey"], cancellationToken)));
        return found.SelectMany(rows => rows).Select(row => (row.PartitionKey, row.RowKey)).ToHashSet();
    }

    /// <summary>
    /// Builds the rows of each effect, settling within the batch what would collide inside one transaction: the same
    /// event twice is committed once; a fact already written by an earlier effect is dropped (first wins); a derived
    /// row is written by the last effect that derives it; a one-time row twice makes the later effect a business duplicate.
    /// </summary>
    private static List<CommitUnit> UnitsOf(IEventFunction function, IReadOnlyList<PendingEffect> effects)
    {
        var units = new List<CommitUnit>();
        var written = new Dictionary<string, (CommitUnit Unit, UnitRow Row)>();
        foreach (var pending in effects)
        {
            var rows = new List<UnitRow>();
            if (function.KeepsInbox())
            {
                var inbox = InboxRow.Create(function, pending.Effect.Cause, pending.Outbox, pending.Effect.SettledBecause);
                if (written.ContainsKey(inbox.RowKey)) continue; // the same event twice in one batch
                rows.Add(new UnitRow(new TableTransactionAction(TableTransactionActionType.Add, inbox), null));
            }

            var unit = new CommitUnit(pending.Effect, rows, pending.Outbox);
            foreach (var change in pending.Effect.Changes)
            {
                var action = change.OnConflict switch
                {
                    ConflictRule.Upsert => TableTransactionActionType.UpsertReplace,
                    ConflictRule.Merge => TableTransactionActionType.UpsertMerge,
                    _ => TableTransactionActionType.Add,
                };
                var row = new UnitRow(new TableTransactionAction(action, ToEntity(change, OrderShard.Of(pending.Effect.OrderId))), change);
                if (written.TryGetValue(change.RowKey, out var earlier))
                {
                    if (change.OnConflict == ConflictRule.FirstWins) continue;
                    if (change.OnConflict == ConflictRule.Merge && earlier.Row.Change?.OnConflict == ConflictRule.Merge)
                    {
                        // One entity per transaction: the earlier merge into this row carries these properties too.
                        foreach (var (name, value) in change.Properties) ((TableEntity)earlier.Row.Action.Entity)[name] = value;
                        continue;
                    }
                    if (change.OnConflict == ConflictRule.Exclusive || earlier.Row.Change?.OnConflict is null or ConflictRule.Exclusive)
                    {
                        unit = unit.AsBusinessDuplicate(function);
                        break;
                    }
                    earlier.Unit.Rows.Remove(earlier.Row);
                }
                rows.Add(row);
            }
            if (unit.Rows.Count == 0) continue;
            units.Add(unit);
            foreach (var row in unit.Rows) written[row.Action.Entity.RowKey] = (unit, row);
        }
        // Only rows that record a fact or derive one are taken over, never an inbox row, so only a projection's unit can
        // be left empty, and a projection emits nothing.
        return units.Where(u => u.Rows.Count > 0).ToList();
    }

    private static IEnumerable<List<CommitUnit>> Chunk(List<CommitUnit> units)
    {
        var chunk = new List<CommitUnit>();
        var operations = 0;
        foreach (var unit in units)
        {
            if (operations + unit.Rows.Count > TableLimits.TransactionOperations && chunk.Count > 0)
            {
                yield return chunk;
                (chunk, operations) = ([], 0);
            }
            chunk.Add(unit);
            operations += unit.Rows.Count;
        }
        if (chunk.Count > 0) yield return chunk;
    }

    private static TableEntity ToEntity(StateChange change, string partition)
    {
        var entity = new TableEntity(partition, change.RowKey);
        foreach (var (name, value) in change.Properties) entity[name] = value;
        return entity;
    }

    private sealed record UnitRow(TableTransactionAction Action, StateChange? Change);

    private sealed record CommitUnit(Effect Effect, List<UnitRow> Rows, IReadOnlyList<OutgoingRecord> Outbox)
    {
        public bool IsBusinessDuplicate { get; private init; }

        public CommitUnit AsBusinessDuplicate(IEventFunction function) => new(
            Effect,
            function.KeepsInbox()
                ? [new UnitRow(new TableTransactionAction(TableTransactionActionType.Add, InboxRow.Create(function, Effect.Cause, [], Effect.SettledBecause)), null)]
                : [],
            []) { IsBusinessDuplicate = true };
    }
}
