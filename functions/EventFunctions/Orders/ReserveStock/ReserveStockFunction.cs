using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Processing;
using EventFunctions.Storage;

namespace EventFunctions.Orders.ReserveStock;

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
        return payments.Select(p => Effect.Emitting(p.Cause, Name, now, Outcome(p.Payment, outcomes[p.Payment.OrderId]))).ToList();
    }

    /// <summary>
    /// A reservation that cannot be made gives the order up: whatever of it is held is released, and StockUnavailable
    /// sends the payment to be refunded. An order already reserved whole stays so: that decision was final.
    /// </summary>
    public async Task<Effect> SettleAsync(EventEnvelope cause, string reason, CancellationToken cancellationToken)
    {
        var payment = (PaymentCaptured)cause.Data;
        var outcome = await stock.AbandonAsync(new ReservationRequest(payment.OrderId, payment.Lines), cancellationToken);
        return Effect.Emitting(cause, Name, clock.GetUtcNow(), Outcome(payment, outcome, $"stock could not be reserved: {reason}"));
    }

    private static IOrderEvent Outcome(PaymentCaptured payment, ReservationOutcome outcome, string? reason = null) =>
        outcome.IsReserved
            ? new Contracts.Events.StockReserved(payment.OrderId, payment.Lines)
            : new StockUnavailable(payment.OrderId, outcome.ShortSkus, payment.PaymentId, payment.Amount, reason, payment.Currency);
}
