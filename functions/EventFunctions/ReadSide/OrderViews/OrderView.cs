using EventFunctions.Contracts.Events;

namespace EventFunctions.ReadSide.OrderViews;

/// <summary>
/// The read model of an order, folded from the set of its events. The fold depends only on which events are in
/// the set, never on their order or number, so the view converges whatever the redelivery or reordering across topics.
/// <see cref="Version"/> counts the distinct events seen: it only grows, so a client can wait for it to pass a value.
/// The five topics are not ordered relative to each other, so a final status can show before the events that led to
/// it (a rejection before the order it rejects); <see cref="IsComplete"/> says when nothing more can change the view.
/// <see cref="Currency"/> is the currency of the total and the unit prices, known once any event of the order is in.
/// </summary>
public sealed record OrderView(
    string OrderId,
    string? CustomerId,
    OrderStatus Status,
    string? Reason,
    decimal? Total,
    IReadOnlyList<PricedLineView> Lines,
    int Version,
    bool IsComplete,
    string? Currency = null)
{
    /// <summary>
    /// The events that lead to each final status, as alternatives: a view holding every event of one of its status's
    /// paths is complete. A cancellation ends with the refund, or with the gateway's refusal to make it.
    /// </summary>
    private static readonly IReadOnlyDictionary<OrderStatus, Type[][]> PathsTo = new Dictionary<OrderStatus, Type[][]>
    {
        [OrderStatus.Rejected] = [[typeof(OrderPlaced), typeof(OrderRejected)]],
        [OrderStatus.PaymentDeclined] = [[typeof(OrderPlaced), typeof(OrderValidated), typeof(PaymentDeclined)]],
        [OrderStatus.Confirmed] = [[typeof(OrderPlaced), typeof(OrderValidated), typeof(PaymentCaptured), typeof(StockReserved)]],
        [OrderStatus.Cancelled] =
        [
            [typeof(OrderPlaced), typeof(OrderValidated), typeof(PaymentCaptured), typeof(StockUnavailable), typeof(PaymentRefunded)],
            [typeof(OrderPlaced), typeof(OrderValidated), typeof(PaymentCaptured), typeof(StockUnavailable), typeof(RefundFailed)],
        ],
    };

    /// <summary>The events after which nothing can change an order's status: it has reached its end, whatever is still on its way to the view.</summary>
    public static bool IsTerminal(IOrderEvent @event) =>
        @event is OrderRejected or PaymentDeclined or StockReserved or PaymentRefunded or RefundFailed;

    public static OrderView Fold(string orderId, IEnumerable<IOrderEvent> events)
    {
        var facts = events.DistinctBy(e => e.GetType()).ToDictionary(e => e.GetType());
        T? Fact<T>() where T : class, IOrderEvent => facts.GetValueOrDefault(typeof(T)) as T;

        var placed = Fact<OrderPlaced>();
        var validated = Fact<OrderValidated>();
        var rejected = Fact<OrderRejected>();
        var declined = Fact<PaymentDeclined>();
        var unavailable = Fact<StockUnavailable>();

        // The furthest state the facts prove, final outcomes first.
        var (status, reason) = (rejected, declined, unavailable) switch
        {
            ({ } r, _, _) => (OrderStatus.Rejected, r.Reason),
            (_, { } d, _) => (OrderStatus.PaymentDeclined, d.Reason),
            _ when Fact<StockReserved>() is not null => (OrderStatus.Confirmed, null),
            (_, _, { } u) when Fact<PaymentRefunded>() is not null => (OrderStatus.Cancelled, ShortOf(u)),
            (_, _, { } u) when Fact<RefundFailed>() is { } failed => (OrderStatus.Cancelled, $"{ShortOf(u)}; refund failed: {failed.Reason}"),
            (_, _, { } u) => (OrderStatus.Paid, ShortOf(u) + "; refund pending"),
            _ when Fact<PaymentCaptured>() is not null => (OrderStatus.Paid, null),
            _ when validated is not null => (OrderStatus.Validated, null),
            _ => (OrderStatus.Placed, (string?)null),
        };

        var lines = validated?.Lines.Select(l => new PricedLineView(l.Sku, l.Quantity, l.UnitPrice)).ToList()
            ?? placed?.Lines.Select(l => new PricedLineView(l.Sku, l.Quantity, null)).ToList()
            ?? [];
        var complete = PathsTo.TryGetValue(status, out var paths) && paths.Any(path => path.All(facts.ContainsKey));
        var currency = placed?.Currency ?? validated?.Currency ?? Fact<PaymentCaptured>()?.Currency ?? unavailable?.Currency;
        return new OrderView(orderId, placed?.CustomerId ?? validated?.CustomerId, status, reason, validated?.Total, lines, facts.Count, complete, currency);
    }

    private static string ShortOf(StockUnavailable unavailable) =>
        unavailable.Reason ?? $"stock unavailable: {string.Join(", ", unavailable.Skus)}";
}

public sealed record PricedLineView(string Sku, int Quantity, decimal? UnitPrice);
