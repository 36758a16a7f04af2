using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Storage;

namespace EventFunctions.Functions.ProjectOrderView;

/// <summary>Every event of every order topic → a fact of the order's view (and, for OrderPlaced, the customer's index).</summary>
public sealed class ProjectOrderViewFunction(IOrderViewChanges changes) : IEventFunction
{
    public string Name => ConsumerGroups.ProjectOrderView;

    public IReadOnlyList<string> Topics { get; } = Contracts.Topics.All.Select(t => t.Name).ToList();

    public string HomeTable => TableStorage.OrderViews;

    /// <summary>Facts are idempotent by construction; an inbox would only add a row per event.</summary>
    public bool UsesInbox => false;

    public bool Handles(EventEnvelope envelope) => true;

    public Task<IReadOnlyList<Effect>> HandleAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        IReadOnlyList<Effect> effects = events.Select(e =>
        {
            var fact = new OrderFact(e.Subject, e.Id, e.Data);
            StateChange[] rows = e.Data is OrderPlaced placed ? [fact, new CustomerOrder(placed.CustomerId, placed.OrderId)] : [fact];
            return new Effect(e, rows, []);
        }).ToList();
        return Task.FromResult(effects);
    }

    public void Committed(IReadOnlyList<Effect> effects) => changes.Changed(effects.Select(e => e.Cause.Data));
}
