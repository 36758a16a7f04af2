using EventFunctions.Contracts.Events;

namespace EventFunctions.Orders.ReserveStock;

/// <summary>
/// Stock levels and reservations per sku. Reserves all lines of an order or none, and is idempotent per order:
/// asked again about an order, it answers what it decided the first time without touching stock.
/// </summary>
public interface IStockReservations
{
    Task<IReadOnlyDictionary<string, ReservationOutcome>> ReserveAsync(IReadOnlyList<ReservationRequest> requests, CancellationToken cancellationToken);

    /// <summary>
    /// Gives up an order's reservation: its undecided lines are refused and its reserved ones released, so nothing of
    /// it stays held. An order whose every line is already reserved stays reserved: that decision was final.
    /// </summary>
    Task<ReservationOutcome> AbandonAsync(ReservationRequest request, CancellationToken cancellationToken);
}

public sealed record ReservationRequest(string OrderId, IReadOnlyList<OrderLine> Lines);

/// <summary>Reserved, or not (with nothing of the order left reserved), naming the skus that were short if any were.</summary>
public sealed record ReservationOutcome(bool IsReserved, IReadOnlyList<string> ShortSkus)
{
    public static readonly ReservationOutcome Reserved = new(true, []);

    public static readonly ReservationOutcome Abandoned = new(false, []);

    public static ReservationOutcome Short(IReadOnlyList<string> skus) => new(false, skus);
}
