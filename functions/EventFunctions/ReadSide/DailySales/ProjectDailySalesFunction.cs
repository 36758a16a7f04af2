using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Processing;
using EventFunctions.ReadSide.Versions;

namespace EventFunctions.ReadSide.DailySales;

/// <summary>
/// The daily sales read model: each confirmed order's units per sku on the day it was confirmed, and the price it paid.
/// A read model added after the pipeline's first release: its first version is built from the log, and it serves once
/// that build has caught up (<see cref="ReadModels.DailySales"/>). Each event makes one row in its order's shard, derived
/// from it alone and overwritten alike by a repeat, so it needs no inbox, and a batch commits one transaction per shard.
/// </summary>
public sealed class ProjectDailySalesFunction(ViewTables views) : IProjection
{
    public string Name => ConsumerGroups.ProjectDailySales;

    public IReadOnlyList<string> Topics => ReadModels.DailySales.Topics;

    public string HomeTable => ReadModels.DailySales.Table;

    public async ValueTask<IReadOnlyList<string>> WriteTablesAsync(CancellationToken cancellationToken) =>
        await views.WriteTablesAsync(ReadModels.DailySales, cancellationToken);

    public bool Handles(EventEnvelope envelope) => envelope.Data is OrderValidated or StockReserved;

    public Task<IReadOnlyList<Effect>> HandleAsync(IReadOnlyList<EventEnvelope> events, CancellationToken cancellationToken)
    {
        IReadOnlyList<Effect> effects = events.Select(e => new Effect(e, RowsOf(e), [])).ToList();
        return Task.FromResult(effects);
    }

    /// <summary>Nothing here can fail for an event's content (the rows hold ids and numbers only): a record that still fails is not one to settle.</summary>
    public Task<Effect> SettleAsync(EventEnvelope cause, string reason, CancellationToken cancellationToken) =>
        Task.FromResult(new Effect(cause, [], []));

    private static StateChange[] RowsOf(EventEnvelope envelope) => envelope.Data switch
    {
        OrderValidated validated => [new OrderPrices(validated.OrderId, validated.Lines, validated.Currency)],
        StockReserved reserved => [new OrderSold(reserved.OrderId, DateOnly.FromDateTime(envelope.Time.UtcDateTime), reserved.Lines)],
        _ => [],
    };
}
