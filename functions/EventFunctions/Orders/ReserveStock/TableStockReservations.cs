using Azure;
using Azure.Data.Tables;
using EventFunctions.Orders.Inventory;
using EventFunctions.Storage;
using Microsoft.Extensions.Logging;

namespace EventFunctions.Orders.ReserveStock;

/// <summary>
/// Reserves stock sku by sku: in each sku's partition, one entity group transaction writes the new stock level
/// (guarded by the item row's ETag) and the line decisions it follows from. An order spanning several skus touches
/// several partitions; a failure between them is repaired by the next attempt or delivery, which reads the
/// decisions already recorded and lets <see cref="StockAllocation"/> finish or undo the order.
/// </summary>
public sealed class TableStockReservations(TableStorage tables, ILogger<TableStockReservations> logger) : IStockReservations
{
    private const int MaxAttempts = 20;

    /// <summary>A sku's transaction holds its item row and one line per order: at most 99 orders per sku in a round.</summary>
    private const int LinesPerSkuAndRound = TableLimits.TransactionOperations - 1;

    private const string StateProperty = "State";
    private const string QuantityProperty = "Quantity";
    private const string ShortProperty = "Short";

    private TableClient Table => tables.Table(TableStorage.Inventory);

    /// <summary>
    /// Each sku's level and ETag as this instance last wrote them. Used instead of a read on the next batch: if anyone
    /// else changed the sku since, the ETag check fails (412) and the next attempt reads it afresh.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (int Available, ETag? ETag)> lastWritten = new();

    public static string LineRowKey(string orderId) => "order|" + orderId;

    public async Task<IReadOnlyDictionary<string, ReservationOutcome>> ReserveAsync(IReadOnlyList<ReservationRequest> requests, CancellationToken cancellationToken)
    {
        var outcomes = new Dictionary<string, ReservationOutcome>();
        foreach (var round in Rounds(requests.DistinctBy(r => r.OrderId)))
            foreach (var (orderId, outcome) in await ReserveRoundAsync(round, cancellationToken))
                outcomes[orderId] = outcome;
        return outcomes;
    }

    public async Task<ReservationOutcome> AbandonAsync(ReservationRequest request, CancellationToken cancellationToken)
    {
        var lines = request.Lines.Select(l => (l.Sku, request.OrderId)).Distinct().ToList();
        for (var attempt = 1; ; attempt++)
        {
            var recorded = await ReadDecisionsAsync(lines, cancellationToken);
            var plan = StockAllocation.Abandon(request, recorded.ToDictionary(r => r.Key.Sku, r => r.Value.Decision));
            // Stock levels are read only where stock goes back: refusing a line needs no level, so an unreadable one cannot stop it.
            var items = await ReadItemsAsync(plan.Releases.Keys.ToList(), useLastWritten: false, cancellationToken);
            var refused = plan.Refusals.Select(r => TrySubmitAsync(r.Key, [new TableTransactionAction(TableTransactionActionType.Add, LineRow(r.Key, request.OrderId, r.Value))], cancellationToken));
            var released = plan.Releases.Select(r => TrySubmitAsync(r.Key,
            [
                new TableTransactionAction(TableTransactionActionType.UpdateMerge,
                    new TableEntity(r.Key, TableInventory.ItemRowKey) { [TableInventory.AvailableProperty] = items[r.Key].Available + r.Value.Quantity },
                    items[r.Key].ETag ?? ETag.All),
                new TableTransactionAction(TableTransactionActionType.UpdateReplace, LineRow(r.Key, request.OrderId, r.Value), recorded[(r.Key, request.OrderId)].ETag),
            ], cancellationToken));
            if ((await Task.WhenAll(refused.Concat(released))).All(ok => ok)) return plan.Outcome;
            if (attempt == MaxAttempts) throw new StockContentionException(MaxAttempts);
            await Task.Delay(Random.Shared.Next(1, 10 * attempt), cancellationToken);
        }
    }

    private async Task<bool> TrySubmitAsync(string sku, IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken)
    {
        try
        {
            await Table.SubmitTransactionAsync(actions, cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            lastWritten.TryRemove(sku, out _);
            return false;
        }
    }

    /// <summary>Splits a batch, in order, into as few rounds as keep every sku's transaction within the limit.</summary>
    private static IEnumerable<List<ReservationRequest>> Rounds(IEnumerable<ReservationRequest> requests)
    {
        var round = new List<ReservationRequest>();
        var linesPerSku = new Dictionary<string, int>();
        foreach (var request in requests)
        {
            if (request.Lines.Any(l => linesPerSku.GetValueOrDefault(l.Sku) == LinesPerSkuAndRound))
            {
                yield return round;
                (round, linesPerSku) = ([], []);
            }
            round.Add(request);
            foreach (var sku in request.Lines.Select(l => l.Sku).Distinct())
                linesPerSku[sku] = linesPerSku.GetValueOrDefault(sku) + 1;
        }
        if (round.Count > 0) yield return round;
    }

    private async Task<IReadOnlyDictionary<string, ReservationOutcome>> ReserveRoundAsync(IReadOnlyList<ReservationRequest> requests, CancellationToken cancellationToken)
    {
        var lines = requests.SelectMany(r => r.Lines.Select(l => (l.Sku, r.OrderId))).ToList();
        var skus = lines.Select(l => l.Sku).Distinct().ToList();
        for (var attempt = 1; ; attempt++)
        {
            var items = await ReadItemsAsync(skus, useLastWritten: attempt == 1, cancellationToken);
            // The first attempt is optimistic: unless this is a redelivery, no line of these orders is decided yet.
            // A write that meets a recorded decision fails as a whole (409), and the next attempt reads them all.
            var recorded = attempt == 1 ? [] : await ReadDecisionsAsync(lines, cancellationToken);
            var plan = StockAllocation.Plan(
                requests,
                items.ToDictionary(i => i.Key, i => i.Value.Available),
                recorded.ToDictionary(r => r.Key, r => r.Value.Decision));

            var written = await Task.WhenAll(plan.Writes.Select(w => TryWriteAsync(w, items[w.Sku].ETag, recorded, cancellationToken)));
            if (written.All(ok => ok)) return plan.Outcomes;
            if (attempt == MaxAttempts)
                throw new StockContentionException(MaxAttempts);
            logger.LogDebug("Stock changed under reservation attempt {Attempt}; re-reading", attempt);
            // Jittered, so that reservers racing for one sku do not collide again in lockstep.
            await Task.Delay(Random.Shared.Next(1, 10 * attempt), cancellationToken);
        }
    }

    private async Task<bool> TryWriteAsync(
        SkuWrite write, ETag? itemETag, Dictionary<(string Sku, string OrderId), (LineDecision Decision, ETag ETag)> recorded,
        CancellationToken cancellationToken)
    {
        var actions = new List<TableTransactionAction>();
        if (itemETag is { } etag)
        {
            // Always guarded, even when only refusing: the decision was made on the level read, so it must still be that level.
            var item = new TableEntity(write.Sku, TableInventory.ItemRowKey) { [TableInventory.AvailableProperty] = write.NewAvailable };
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateMerge, item, etag));
        }
        foreach (var (orderId, decision) in write.Decisions)
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, LineRow(write.Sku, orderId, decision)));
        foreach (var (orderId, decision) in write.Releases)
            actions.Add(new TableTransactionAction(TableTransactionActionType.UpdateReplace, LineRow(write.Sku, orderId, decision), recorded[(write.Sku, orderId)].ETag));

        try
        {
            var responses = await Table.SubmitTransactionAsync(actions, cancellationToken);
            if (itemETag is not null) lastWritten[write.Sku] = (write.NewAvailable, responses.Value[0].Headers.ETag);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            lastWritten.TryRemove(write.Sku, out _);
            return false;
        }
    }

    private async Task<Dictionary<string, (int Available, ETag? ETag)>> ReadItemsAsync(List<string> skus, bool useLastWritten, CancellationToken cancellationToken)
    {
        var items = await Task.WhenAll(skus.Select(async sku =>
        {
            if (useLastWritten && lastWritten.TryGetValue(sku, out var known) && known.ETag is not null) return (sku, known);
            var row = await Table.GetEntityIfExistsAsync<TableEntity>(sku, TableInventory.ItemRowKey, cancellationToken: cancellationToken);
            return (sku, row.HasValue ? (TableInventory.AvailableOf(row.Value!), (ETag?)row.Value!.ETag) : (0, null));
        }));
        return items.ToDictionary(i => i.sku, i => i.Item2);
    }

    private async Task<Dictionary<(string Sku, string OrderId), (LineDecision Decision, ETag ETag)>> ReadDecisionsAsync(
        List<(string Sku, string OrderId)> lines, CancellationToken cancellationToken)
    {
        var results = await Task.WhenAll(lines.GroupBy(l => l.Sku).SelectMany(sku => sku.Chunk(TableLimits.RowKeysPerQuery).Select(chunk =>
            TableRows.FindAsync(Table, sku.Key, chunk.Select(l => LineRowKey(l.OrderId)).ToList(), null, cancellationToken))));
        return results.SelectMany(r => r).ToDictionary(
            row => (row.PartitionKey, row.RowKey["order|".Length..]),
            row => (new LineDecision(
                Enum.Parse<LineState>(row.GetString(StateProperty)),
                row.GetInt32(QuantityProperty) ?? 0,
                row.GetBoolean(ShortProperty) ?? false), row.ETag));
    }

    private static TableEntity LineRow(string sku, string orderId, LineDecision decision) => new(sku, LineRowKey(orderId))
    {
        [StateProperty] = decision.State.ToString(),
        [QuantityProperty] = decision.Quantity,
        [ShortProperty] = decision.Short,
    };
}
