using EventFunctions.Contracts.Events;

namespace EventFunctions.Functions.ReserveStock;

/// <summary>
/// Stock levels and reservations per sku. Reserves all lines of an order or none, and is idempotent per order:
/// asked again about an order, it answers what it decided the first time without touching stock.
/// </summary>
public interface IStockReservations
{
    Task<IReadOnlyDictionary<string, ReservationOutcome>> ReserveAsync(IReadOnlyList<ReservationRequest> requests, CancellationToken cancellationToken);
}

public sealed record ReservationRequest(string OrderId, IReadOnlyList<OrderLine> Lines);

/// <summary>Reserved, or short of the listed skus (with nothing of the order left reserved).</summary>
public sealed record ReservationOutcome(IReadOnlyList<string> ShortSkus)
{
    public static readonly ReservationOutcome Reserved = new([]);

    public bool IsReserved => ShortSkus.Count == 0;
}
