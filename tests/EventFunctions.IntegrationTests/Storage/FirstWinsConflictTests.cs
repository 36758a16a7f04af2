using Azure.Data.Tables;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Messaging;
using EventFunctions.Processing;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.ReadSide.Versions;
using EventFunctions.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventFunctions.IntegrationTests.Storage;

/// <summary>
/// The order view's projection against Azurite when its topics arrive out of order: the events that end orders
/// projected before the orders themselves, as a lagging trigger sees them.
/// </summary>
[Trait("Category", "Integration")]
public sealed class FirstWinsConflictTests : IAsyncLifetime
{
    private readonly string prefix = TestIds.TablePrefix("fw");
    private readonly StorageRoundTrips roundTrips = new();
    private readonly TableStorage tables;

    public FirstWinsConflictTests()
    {
        var options = new TableClientOptions();
        options.AddPolicy(roundTrips, Azure.Core.HttpPipelinePosition.PerRetry);
        tables = new TableStorage(new TableServiceClient("UseDevelopmentStorage=true", options), prefix);
    }

    public async Task InitializeAsync()
    {
        await AzuriteProbe.EnsureReachableAsync();
        await tables.EnsureCreatedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var name in TableStorage.All) await tables.Table(name).DeleteAsync();
    }

    [Fact]
    public async Task A_batch_meeting_many_existing_first_wins_rows_is_resubmitted_once_and_keeps_every_order_closed()
    {
        var views = new ViewTables(new TableViewVersionStore(tables), tables, TimeProvider.System, new ViewRebuildOptions());
        var function = new ProjectOrderViewFunction(new OrderViewChanges(), views, TimeProvider.System);
        var store = new TableEffectStore(tables, NullLogger<TableEffectStore>.Instance);
        var orders = Enumerable.Range(0, 400).Select(i => $"fw-{i}").Where(id => OrderShard.Of(id) == OrderShard.OfPartition(3)).Take(30).ToList();

        await CommitAsync(store, function, orders.Select(id => Envelope(new StockReserved(id, [new OrderLine("sku-1", 1)]), "reserve-stock", id)).ToList());
        var before = roundTrips.Total;
        await CommitAsync(store, function, orders.Select(id => Envelope(new OrderPlaced(id, "cust-1", [new OrderLine("sku-1", 1)], "tok_visa"), "http-api", null)).ToList());

        // The failed submission, the look at which rows exist, the submission without them: not one per order.
        Assert.InRange(roundTrips.Total - before, 2, 5);
        var table = tables.Table(TableStorage.OrderViews);
        foreach (var id in orders)
        {
            var open = await table.GetEntityAsync<TableEntity>(OrderShard.Of(id), OpenOrder.RowKeyPrefix + id);
            Assert.False(open.Value.GetBoolean(OpenOrder.OpenProperty));
            var row = await table.GetEntityAsync<TableEntity>(OrderShard.Of(id), OrderRow.KeyOf(id));
            Assert.Equal(2, OrderRow.Facts(row.Value).Count);
        }
    }

    private static async Task CommitAsync(TableEffectStore store, ProjectOrderViewFunction function, IReadOnlyList<EventEnvelope> events)
    {
        var effects = await function.HandleAsync(events, CancellationToken.None);
        await store.CommitAsync(function, effects.Select(e => new PendingEffect(e, [])).ToList(), CancellationToken.None);
    }

    private static EventEnvelope Envelope(IOrderEvent data, string writer, string? cause) =>
        new(DeterministicId.For(writer, cause ?? data.OrderId), Provenance.SourceOf(writer), DateTimeOffset.UtcNow, cause is null ? null : DeterministicId.For("test", cause), data);
}
