using EventFunctions.Contracts.Events;

namespace EventFunctions.Functions.ProjectOrderView;

/// <summary>
/// The read model of an order, folded from the set of its events. The fold depends only on which events are in
/// the set, never on their order or number, so the view converges whatever the redelivery or reordering across topics.
/// <see cref="Version"/> counts the distinct events seen: it only grows, so a client can wait for it to pass a value.
/// </summary>
public sealed record OrderView(
    string OrderId,
    string? CustomerId,
    OrderStatus Status,
    string? Reason,
    decimal? Total,
    IReadOnlyList<PricedLineView> Lines,
    int Version)
{
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
            (_, _, { } u) => (OrderStatus.Paid, ShortOf(u) + "; refund pending"),
            _ when Fact<PaymentCaptured>() is not null => (OrderStatus.Paid, null),
            _ when validated is not null => (OrderStatus.Validated, null),
            _ => (OrderStatus.Placed, (string?)null),
        };

        var lines = validated?.Lines.Select(l => new PricedLineView(l.Sku, l.Quantity, l.UnitPrice)).ToList()
            ?? placed?.Lines.Select(l => new PricedLineView(l.Sku, l.Quantity, null)).ToList()
            ?? [];
        return new OrderView(orderId, placed?.CustomerId ?? validated?.CustomerId, status, reason, validated?.Total, lines, facts.Count);
    }

    /// <summary>Whether an event can make a view final: only these are worth a re-read to a reader waiting for the end.</summary>
    public static bool CanFinish(IOrderEvent @event) => @event is OrderRejected or PaymentDeclined or StockReserved or PaymentRefunded;

    private static string ShortOf(StockUnavailable unavailable) => $"stock unavailable: {string.Join(", ", unavailable.Skus)}";
}

public sealed record PricedLineView(string Sku, int Quantity, decimal? UnitPrice);
