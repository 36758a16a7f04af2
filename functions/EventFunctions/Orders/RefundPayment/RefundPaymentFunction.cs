using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Messaging;
using EventFunctions.Orders.Payments;
using EventFunctions.Processing;
using EventFunctions.Storage;

namespace EventFunctions.Orders.RefundPayment;

/// <summary>The compensation of ProcessPayment: StockUnavailable → the charge refunded in full → PaymentRefunded.</summary>
public sealed class RefundPaymentFunction(IPaymentGateway gateway, TimeProvider clock) : IEventFunction
{
    public string Name => ConsumerGroups.RefundPayment;

    public IReadOnlyList<string> Topics { get; } = [Contracts.Topics.StockOutcomes];

    /// <summary>The ledger the charges are in, so the refund row and the charge row share a partition.</summary>
    public string HomeTable => TableStorage.Payments;

    public bool Handles(EventEnvelope envelope) => envelope.Data is StockUnavailable;

    /// <summary>Keyed by the charge: one refund per charge, whatever event asks for it.</summary>
    public static string IdempotencyKey(string paymentId) => DeterministicId.For("refund", paymentId);

    public async Task<IReadOnlyList<Effect>> HandleAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        var refunds = events.Select(async e =>
        {
            var shortage = (StockUnavailable)e.Data;
            var refund = await gateway.RefundAsync(new RefundRequest(shortage.PaymentId, shortage.Amount, shortage.Currency), IdempotencyKey(shortage.PaymentId), cancellationToken);
            return Refunded(e, shortage, refund);
        });
        return await Task.WhenAll(refunds);
    }

    /// <summary>
    /// A refund that cannot be made (the gateway refuses it for good) is not retried into eternity: the key is closed,
    /// so no attempt still running elsewhere refunds later, and the order ends with RefundFailed, for a person to pay
    /// back by other means. A refund made before the key was closed stands and is reported as made.
    /// </summary>
    public async Task<Effect> SettleAsync(EventEnvelope cause, string reason, CancellationToken cancellationToken)
    {
        var shortage = (StockUnavailable)cause.Data;
        var refund = await gateway.CloseRefundAsync(IdempotencyKey(shortage.PaymentId), cancellationToken);
        return refund is not null
            ? Refunded(cause, shortage, refund)
            : Effect.Emitting(cause, Name, clock.GetUtcNow(),
                new RefundFailed(shortage.OrderId, shortage.PaymentId, shortage.Amount, reason, shortage.Currency),
                new PaymentRefund(shortage.OrderId, shortage.PaymentId, shortage.Amount, RefundId: null, reason));
    }

    private Effect Refunded(EventEnvelope cause, StockUnavailable shortage, RefundResult refund) =>
        Effect.Emitting(cause, Name, clock.GetUtcNow(),
            new PaymentRefunded(shortage.OrderId, shortage.PaymentId, refund.RefundId, shortage.Amount, shortage.Currency),
            new PaymentRefund(shortage.OrderId, shortage.PaymentId, shortage.Amount, refund.RefundId));
}
