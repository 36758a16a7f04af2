namespace EventFunctions.Orders.ReserveStock;

/// <summary>The decision on one (sku, order) line, recorded in the sku's partition together with the stock change it causes.</summary>
public enum LineState
{
    /// <summary>Stock taken for the order.</summary>
    Reserved,

    /// <summary>Not taken: the order could not be served whole (<see cref="LineDecision.Short"/> says whether this sku was why).</summary>
    Refused,

    /// <summary>Taken, then given back because another line of the order was refused.</summary>
    Released,
}

public sealed record LineDecision(LineState State, int Quantity, bool Short);

/// <summary>
/// The pure decision of ReserveStock. Each (sku, order) line is decided once, and a decision once recorded is final,
/// so a retry after a partial failure (some skus' partitions written, others not) converges on one outcome:
/// an order is reserved only if every line is; if any line is refused, its reserved lines are released.
/// </summary>
public static class StockAllocation
{
    public static AllocationPlan Plan(
        IReadOnlyList<ReservationRequest> requests,
        IReadOnlyDictionary<string, int> available,
        IReadOnlyDictionary<(string Sku, string OrderId), LineDecision> recorded)
    {
        var remaining = new Dictionary<string, int>(available);
        var writes = new Dictionary<string, SkuWrite>();
        var outcomes = new Dictionary<string, ReservationOutcome>();

        foreach (var request in requests.DistinctBy(r => r.OrderId))
        {
            var lines = request.Lines.Select(l => (Line: l, Recorded: recorded.GetValueOrDefault((l.Sku, request.OrderId)))).ToList();
            var open = lines.Where(l => l.Recorded is null).Select(l => l.Line).ToList();
            var refusedBefore = lines.Any(l => l.Recorded?.State is LineState.Refused or LineState.Released);
            var short_ = open.Where(l => remaining.GetValueOrDefault(l.Sku) < l.Quantity).Select(l => l.Sku).ToList();

            if (!refusedBefore && short_.Count == 0)
            {
                foreach (var line in open)
                {
                    remaining[line.Sku] -= line.Quantity;
                    Write(line.Sku).Decide(request.OrderId, new LineDecision(LineState.Reserved, line.Quantity, Short: false));
                }
                outcomes[request.OrderId] = ReservationOutcome.Reserved;
                continue;
            }

            foreach (var line in open)
                Write(line.Sku).Decide(request.OrderId, new LineDecision(LineState.Refused, line.Quantity, Short: short_.Contains(line.Sku)));
            foreach (var (line, decision) in lines.Where(l => l.Recorded?.State == LineState.Reserved))
            {
                remaining[line.Sku] = remaining.GetValueOrDefault(line.Sku) + line.Quantity;
                Write(line.Sku).Release(request.OrderId, decision! with { State = LineState.Released });
            }
            var shortSkus = short_.Concat(lines.Where(l => l.Recorded?.Short == true).Select(l => l.Line.Sku)).Distinct().ToList();
            outcomes[request.OrderId] = ReservationOutcome.Short(shortSkus.Count > 0 ? shortSkus : lines.Select(l => l.Line.Sku).ToList());
        }

        foreach (var write in writes.Values) write.NewAvailable = remaining.GetValueOrDefault(write.Sku);
        return new AllocationPlan(outcomes, writes.Values.ToList());

        SkuWrite Write(string sku) => writes.TryGetValue(sku, out var w) ? w : writes[sku] = new SkuWrite(sku);
    }

    /// <summary>
    /// Gives up an order: unless every line is already reserved (a final decision: the order stays reserved), each
    /// undecided line is refused and each reserved one released. Refusing first is what stops an attempt still
    /// running elsewhere: once one line is refused, that attempt can never reserve the whole order.
    /// </summary>
    public static AbandonPlan Abandon(ReservationRequest request, IReadOnlyDictionary<string, LineDecision> recordedBySku)
    {
        var lines = request.Lines.DistinctBy(l => l.Sku).ToList();
        if (lines.All(l => recordedBySku.GetValueOrDefault(l.Sku)?.State == LineState.Reserved))
            return new AbandonPlan(ReservationOutcome.Reserved, new Dictionary<string, LineDecision>(), new Dictionary<string, LineDecision>());

        var refusals = lines.Where(l => !recordedBySku.ContainsKey(l.Sku))
            .ToDictionary(l => l.Sku, l => new LineDecision(LineState.Refused, l.Quantity, Short: false));
        var releases = lines.Where(l => recordedBySku.GetValueOrDefault(l.Sku)?.State == LineState.Reserved)
            .ToDictionary(l => l.Sku, l => recordedBySku[l.Sku] with { State = LineState.Released });
        return new AbandonPlan(ReservationOutcome.Abandoned, refusals, releases);
    }
}

/// <summary>What giving up an order writes: per sku, a refused line to add or a reserved line to release (stock back).</summary>
public sealed record AbandonPlan(
    ReservationOutcome Outcome,
    IReadOnlyDictionary<string, LineDecision> Refusals,
    IReadOnlyDictionary<string, LineDecision> Releases);

public sealed record AllocationPlan(IReadOnlyDictionary<string, ReservationOutcome> Outcomes, IReadOnlyList<SkuWrite> Writes);

/// <summary>What to write in one sku's partition: its new stock level, new line decisions, and lines to release.</summary>
public sealed class SkuWrite(string sku)
{
    public string Sku => sku;

    public int NewAvailable { get; internal set; }

    public Dictionary<string, LineDecision> Decisions { get; } = [];

    public Dictionary<string, LineDecision> Releases { get; } = [];

    internal void Decide(string orderId, LineDecision decision) => Decisions[orderId] = decision;

    internal void Release(string orderId, LineDecision decision) => Releases[orderId] = decision;
}
