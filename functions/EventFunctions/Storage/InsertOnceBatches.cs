using Azure;
using Azure.Data.Tables;

namespace EventFunctions.Storage;

/// <summary>
/// Rows written once ("insert unless there, then read what is there"), such as the API's claims and the gateway's
/// keys, grouped into entity group transactions by partition: while one transaction of a partition is in flight, the
/// rows that arrive for it wait and go together in the next. Under load a hundred rows cost one request; a lone row
/// goes at once, so this adds no wait. A row that exists (409, naming its index) is read back for its caller and
/// the rest resubmitted; any other failure fails every caller of that transaction, each of which may retry.
/// </summary>
public sealed class InsertOnceBatches(TableClient table, string? caller = null)
{
    /// <summary>
    /// How long one transaction may take. Rows wait behind the one in flight, so storage that hangs rather than refuses
    /// must not hold them for the SDK's retries (minutes): past this, the transaction's callers fail and the next go.
    /// </summary>
    private static readonly TimeSpan SubmitDeadline = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, PartitionQueue> partitions = new();

    /// <summary>
    /// Null when <paramref name="row"/> was inserted; otherwise the row that was there already. A caller that gives up
    /// (<paramref name="cancellationToken"/>) while its row still waits takes the row back: a claim the API stopped
    /// waiting for must not land later, out of the order the log puts things in. A row already sent may still land.
    /// </summary>
    public async Task<TableEntity?> InsertAsync(TableEntity row, CancellationToken cancellationToken)
    {
        var pending = new Pending(row);
        bool start;
        PartitionQueue queue;
        lock (partitions)
        {
            if (!partitions.TryGetValue(row.PartitionKey, out queue!)) partitions[row.PartitionKey] = queue = new PartitionQueue();
            queue.Waiting.Add(pending);
            start = !queue.Flushing;
            queue.Flushing = true;
        }
        if (start) _ = FlushAsync(queue);
        try
        {
            return await pending.Done.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Taken back here rather than in a callback on the token: WaitAsync's own callback may run this method's
            // continuation inline, which would dispose such a registration before it ran, and the row would go anyway.
            pending.Abandoned = true;
            lock (partitions) queue.Waiting.Remove(pending);
            throw;
        }
    }

    /// <summary>Sends what waits, round after round, until nothing does; runs detached from any caller's cancellation.</summary>
    private async Task FlushAsync(PartitionQueue queue)
    {
        using var _ = caller is null ? null : StorageRoundTrips.AttributeTo(caller);
        while (true)
        {
            List<Pending> round;
            List<(Pending Leader, Pending Follower)> followers;
            lock (partitions)
            {
                // One row per key in a transaction. Later requests for a key in the round follow it: they learn its
                // outcome with it, rather than each waiting a round of its own (two hundred requests racing for one
                // order id would otherwise take two hundred rounds).
                round = queue.Waiting.DistinctBy(p => p.Row.RowKey).Take(TableLimits.TransactionOperations).ToList();
                if (round.Count == 0)
                {
                    queue.Flushing = false;
                    return;
                }
                var leaders = round.ToDictionary(p => p.Row.RowKey);
                followers = queue.Waiting.Where(p => leaders.TryGetValue(p.Row.RowKey, out var leader) && leader != p)
                    .Select(p => (leaders[p.Row.RowKey], p)).ToList();
                queue.Waiting.RemoveAll(p => leaders.ContainsKey(p.Row.RowKey));
            }
            await SubmitAsync(round);
            foreach (var (leader, follower) in followers)
            {
                // The leader's row is there now, whether it put it there or found it: the follower finds it too.
                if (leader.Done.Task.IsCompletedSuccessfully) follower.Done.TrySetResult(leader.Done.Task.Result ?? leader.Row);
                // Its leader failed: it waits for the next round, unless its caller gave up meanwhile, whose row
                // must not land later any more than a waiting one's.
                else if (!follower.Abandoned) lock (partitions) queue.Waiting.Add(follower);
            }
        }
    }

    private async Task SubmitAsync(List<Pending> round)
    {
        while (round.Count > 0)
        {
            using var deadline = new CancellationTokenSource(SubmitDeadline);
            try
            {
                if (round.Count == 1) await table.AddEntityAsync(round[0].Row, deadline.Token);
                else await table.SubmitTransactionAsync(round.Select(p => new TableTransactionAction(TableTransactionActionType.Add, p.Row)), deadline.Token);
                foreach (var pending in round) pending.Done.TrySetResult(null);
                return;
            }
            catch (Exception e) when (Existing(e, round.Count) is int index)
            {
                var taken = round[index];
                round.RemoveAt(index);
                await ReadBackAsync(taken, deadline.Token);
            }
            catch (Exception e)
            {
                foreach (var pending in round) pending.Done.TrySetException(e);
                return;
            }
        }
    }

    /// <summary>The index of the row that exists already, when that is why the request failed.</summary>
    private static int? Existing(Exception e, int count) => e switch
    {
        TableTransactionFailedException { Status: 409, FailedTransactionActionIndex: int index } when index < count => index,
        RequestFailedException { Status: 409 } when count == 1 && e is not TableTransactionFailedException => 0,
        _ => null,
    };

    private async Task ReadBackAsync(Pending taken, CancellationToken cancellationToken)
    {
        try
        {
            taken.Done.TrySetResult((await table.GetEntityAsync<TableEntity>(taken.Row.PartitionKey, taken.Row.RowKey, cancellationToken: cancellationToken)).Value);
        }
        catch (Exception e)
        {
            taken.Done.TrySetException(e);
        }
    }

    private sealed class PartitionQueue
    {
        public List<Pending> Waiting { get; } = [];
        public bool Flushing { get; set; }
    }

    private sealed record Pending(TableEntity Row)
    {
        public TaskCompletionSource<TableEntity?> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Its caller gave up: it goes in no later round.</summary>
        public volatile bool Abandoned;
    }
}
