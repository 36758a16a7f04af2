using EventFunctions.Processing.Retries;

namespace EventFunctions.Orders.ReserveStock;

/// <summary>
/// Reservations kept colliding with other writers of the same skus. A race, not a fault of the order: the trigger
/// waits and tries the batch again, as it does for any transient fault.
/// </summary>
public sealed class StockContentionException(int attempts)
    : TransientFailureException("stock reservations", $"Stock reservation did not settle after {attempts} attempts of concurrent change.");
