using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Processing;
using EventFunctions.Storage;

namespace EventFunctions.Orders.ValidateOrder;

/// <summary>OrderPlaced → OrderValidated (lines priced from the catalogue) or OrderRejected.</summary>
public sealed class ValidateOrderFunction(ICatalogue catalogue, TimeProvider clock) : IEventFunction
{
    public string Name => ConsumerGroups.ValidateOrder;

    public IReadOnlyList<string> Topics { get; } = [Contracts.Topics.OrdersPlaced];

    public string HomeTable => TableStorage.Validations;

    public bool Handles(EventEnvelope envelope) => envelope.Data is OrderPlaced;

    public async Task<IReadOnlyList<Effect>> HandleAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        // One catalogue read for the whole batch.
        var skus = events.SelectMany(e => ((OrderPlaced)e.Data).Lines.Select(l => l.Sku))
            .Where(Identifiers.IsValid).ToHashSet();
        var prices = await catalogue.GetPricesAsync(skus, cancellationToken);
        var now = clock.GetUtcNow();
        return events.Select(e => Effect.Emitting(e, Name, now, OrderValidation.Decide((OrderPlaced)e.Data, prices))).ToList();
    }

    /// <summary>An order that cannot be validated is rejected, saying why: nothing has happened to it yet that would need undoing.</summary>
    public Task<Effect> SettleAsync(EventEnvelope cause, string reason, CancellationToken cancellationToken) =>
        Task.FromResult(Effect.Emitting(cause, Name, clock.GetUtcNow(), new OrderRejected(cause.Data.OrderId, OrderValidation.Reasons.NotProcessable(reason))));
}
