using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Messaging;
using EventFunctions.Orders.Payments;
using EventFunctions.Processing;
using EventFunctions.Storage;

namespace EventFunctions.Orders.ProcessPayment;

/// <summary>OrderValidated → PaymentCaptured or PaymentDeclined, recording the one charge of the order in the ledger.</summary>
public sealed class ProcessPaymentFunction(IPaymentGateway gateway, TimeProvider clock) : IEventFunction
{
    public string Name => ConsumerGroups.ProcessPayment;

    public IReadOnlyList<string> Topics { get; } = [Contracts.Topics.OrdersValidated];

    public string HomeTable => TableStorage.Payments;

    public bool Handles(EventEnvelope envelope) => envelope.Data is OrderValidated;

    /// <summary>Keyed by order, not by event: whatever reaches us about an order, the gateway charges it at most once.</summary>
    public static string IdempotencyKey(string orderId) => DeterministicId.For("charge", orderId);

    public async Task<IReadOnlyList<Effect>> HandleAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        var charges = events.Select(async e =>
        {
            var order = (OrderValidated)e.Data;
            var result = await gateway.ChargeAsync(new ChargeRequest(order.OrderId, order.Total, order.PaymentToken, order.Currency), IdempotencyKey(order.OrderId), cancellationToken);
            return Decide(e, order, result);
        });
        return await Task.WhenAll(charges);
    }

    /// <summary>
    /// A payment that cannot be processed declines the order. The charge key is closed first, so that no attempt
    /// still running elsewhere can charge afterwards; a charge it made before stands, and the order goes on to stock,
    /// which confirms or refunds it like any other.
    /// </summary>
    public async Task<Effect> SettleAsync(EventEnvelope cause, string reason, CancellationToken cancellationToken)
    {
        var order = (OrderValidated)cause.Data;
        var charged = await gateway.CloseChargeAsync(IdempotencyKey(order.OrderId), cancellationToken);
        return Decide(cause, order, charged ?? ChargeResult.Declined($"payment could not be processed: {reason}"));
    }

    private Effect Decide(EventEnvelope cause, OrderValidated order, ChargeResult result)
    {
        var now = clock.GetUtcNow();
        var charge = new PaymentCharge(order.OrderId, result.PaymentId, order.Total, result.DeclineReason);
        IOrderEvent outcome = result.PaymentId is { } paymentId
            ? new PaymentCaptured(order.OrderId, paymentId, order.Total, order.Lines.Select(l => new OrderLine(l.Sku, l.Quantity)).ToList(), order.Currency)
            : new PaymentDeclined(order.OrderId, result.DeclineReason ?? "declined");
        return Effect.Emitting(cause, Name, now, outcome, charge);
    }
}
