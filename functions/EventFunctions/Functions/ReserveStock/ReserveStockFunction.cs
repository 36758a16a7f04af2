using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Storage;

namespace EventFunctions.Functions.ReserveStock;

/// <summary>PaymentCaptured → StockReserved, or StockUnavailable (carrying the payment to refund).</summary>
public sealed class ReserveStockFunction(IStockReservations stock, TimeProvider clock) : IEventFunction
{
    public string Name => ConsumerGroups.ReserveStock;

    public IReadOnlyList<string> Topics { get; } = [Contracts.Topics.PaymentsProcessed];

    public string HomeTable => TableStorage.Reservations;

    public bool Handles(EventEnvelope envelope) => envelope.Data is PaymentCaptured;

    public async Task<IReadOnlyList<Effect>> HandleAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        var payments = events.Select(e => (Cause: e, Payment: (PaymentCaptured)e.Data)).ToList();
        var outcomes = await stock.ReserveAsync(payments.Select(p => new ReservationRequest(p.Payment.OrderId, p.Payment.Lines)).ToList(), cancellationToken);
        var now = clock.GetUtcNow();
        return payments.Select(p =>
        {
            var outcome = outcomes[p.Payment.OrderId];
            IOrderEvent result = outcome.IsReserved
                ? new Contracts.Events.StockReserved(p.Payment.OrderId, p.Payment.Lines)
                : new StockUnavailable(p.Payment.OrderId, outcome.ShortSkus, p.Payment.PaymentId, p.Payment.Amount);
            return Effect.Emitting(p.Cause, Name, now, result);
        }).ToList();
    }
}
