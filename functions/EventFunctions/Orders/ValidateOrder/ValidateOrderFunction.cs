using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Messaging;
using EventFunctions.Processing;
using EventFunctions.Processing.Lineage;
using EventFunctions.Storage;

namespace EventFunctions.Orders.ValidateOrder;

/// <summary>
/// OrderPlaced → OrderValidated (lines priced from the catalogue) or OrderRejected. A placement the API accepted
/// while Table Storage could not check its order id is claimed here first, in log order (<see cref="OrderPlacement"/>):
/// a request per partition of such placements, nothing for the others.
/// </summary>
public sealed class ValidateOrderFunction(ICatalogue catalogue, IOrderRequests requests, TimeProvider clock) : IEventFunction
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
        var claims = await ClaimDeferredAsync(events, cancellationToken);
        var now = clock.GetUtcNow();
        return events.Select(e => Effect.Emitting(e, Name, now, claims.TryGetValue(e.Id, out var claim)
            ? OrderValidation.DecideDeferred((OrderPlaced)e.Data, claim.Fingerprint, claim.Held, prices)
            : OrderValidation.Decide((OrderPlaced)e.Data, prices))).ToList();
    }

    /// <summary>
    /// The claims of the batch's deferred placements, in batch (log) order, so that of two placements of one order the
    /// earlier takes the id. Claims arriving together share a transaction per shard; a redelivery finds its own claim.
    /// </summary>
    private async Task<Dictionary<string, (string Fingerprint, string Held)>> ClaimDeferredAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        var orders = await Task.WhenAll(events.Where(OrderPlacement.IsDeferred).GroupBy(e => e.Subject).Select(async order =>
        {
            // One order's placements one after another: the first's claim must be in before the next asks.
            var claims = new List<(string Id, (string Fingerprint, string Held) Claim)>();
            foreach (var placement in order)
            {
                var fingerprint = OrderFingerprint.Of((OrderPlaced)placement.Data);
                var held = await requests.ClaimAsync(placement.Subject, new OrderClaim(fingerprint, Deferred: true), cancellationToken);
                claims.Add((placement.Id, (fingerprint, held.Fingerprint)));
            }
            return claims;
        }));
        // A record twice in one batch claims twice and finds its own claim: either answer will do.
        var byId = new Dictionary<string, (string, string)>();
        foreach (var (id, claim) in orders.SelectMany(claims => claims)) byId[id] = claim;
        return byId;
    }

    /// <summary>An order that cannot be validated is rejected, saying why: nothing has happened to it yet that would need undoing.</summary>
    public Task<Effect> SettleAsync(EventEnvelope cause, string reason, CancellationToken cancellationToken) =>
        Task.FromResult(Effect.Emitting(cause, Name, clock.GetUtcNow(), new OrderRejected(cause.Data.OrderId, OrderValidation.Reasons.NotProcessable(reason))));
}
