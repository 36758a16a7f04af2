using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Processing;
using EventFunctions.ReadSide.Versions;

namespace EventFunctions.ReadSide.OrderViews;

/// <summary>
/// Every event of every order topic → a fact merged into the order's row of the view; OrderPlaced also lists the order
/// under its customer and among the open orders, and the event that ends an order closes it there. All of an event's
/// rows are in the order's shard, so each event costs one transaction, shared with the batch's other orders of that shard.
/// </summary>
public sealed class ProjectOrderViewFunction(IOrderViewChanges changes, ViewTables views, TimeProvider clock) : IProjection
{
    public string Name => ConsumerGroups.ProjectOrderView;

    public IReadOnlyList<string> Topics { get; } = Contracts.Topics.All.Select(t => t.Name).ToList();

    public string HomeTable => ReadModels.Orders.Table;

    /// <summary>Every version of the view kept current: the active one, the previous one, and one being built.</summary>
    public async ValueTask<IReadOnlyList<string>> WriteTablesAsync(CancellationToken cancellationToken) =>
        await views.WriteTablesAsync(ReadModels.Orders, cancellationToken);

    public bool Handles(EventEnvelope envelope) => true;

    public Task<IReadOnlyList<Effect>> HandleAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        IReadOnlyList<Effect> effects = events.Select(e => new Effect(e, RowsOf(e, OrderFact.Of(e, now)), [])).ToList();
        return Task.FromResult(effects);
    }

    /// <summary>
    /// A fact that cannot be stored as it is (a field too large for a Table property) is stored reduced, its long
    /// texts and lists cut, with the problem beside it: the view still learns the event happened, and its status moves.
    /// </summary>
    public Task<Effect> SettleAsync(EventEnvelope cause, string reason, CancellationToken cancellationToken) =>
        Task.FromResult(new Effect(cause, RowsOf(cause, OrderFact.Reduced(cause, reason, clock.GetUtcNow())), []));

    public void Committed(IReadOnlyList<Effect> effects) => changes.Changed(effects.Select(e => e.Cause).ToList());

    private static StateChange[] RowsOf(EventEnvelope envelope, OrderFact fact) => envelope.Data switch
    {
        // A placement that may not be the order's (OrderPlacements) lists the order under its customer, whose list
        // shows only the orders their own placement is, and opens the order (the first opening stands, whichever
        // placement it came from); a placement's rejection ends the placement, not the order, so it closes nothing.
        OrderPlaced placed when fact.Placement is not null && Identifiers.IsValid(placed.CustomerId) =>
            [fact, new CustomerOrder(placed.CustomerId, placed.OrderId, fact.Placement), OpenOrder.Placed(placed.OrderId, envelope.Time)],
        _ when fact.Placement is not null => [fact],
        // An invalid customer id is ValidateOrder's to reject; it would make no index key, and nobody can ask for it.
        OrderPlaced placed when Identifiers.IsValid(placed.CustomerId) =>
            [fact, new CustomerOrder(placed.CustomerId, placed.OrderId), OpenOrder.Placed(placed.OrderId, envelope.Time)],
        OrderPlaced placed => [fact, OpenOrder.Placed(placed.OrderId, envelope.Time)],
        var data when OrderView.IsTerminal(data) => [fact, OpenOrder.Ended(data.OrderId, envelope.Time)],
        _ => [fact],
    };
}
