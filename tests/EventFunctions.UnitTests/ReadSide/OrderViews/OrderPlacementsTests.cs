using Azure.Data.Tables;
using EventFunctions.Processing;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.Messaging;
using EventFunctions.ReadSide.Versions;

namespace EventFunctions.UnitTests.ReadSide.OrderViews;

/// <summary>
/// One order id placed with two bodies while Table Storage could not check the id: the projection's rows, merged into
/// the order's row as the store merges them, then read back as the API reads them.
/// </summary>
public class OrderPlacementsTests
{
    private static readonly ViewTables Versions = new(
        Mock.Of<IViewVersionStore>(), new EventFunctions.Storage.TableStorage(new TableServiceClient("UseDevelopmentStorage=true")),
        TimeProvider.System, new ViewRebuildOptions());

    private static readonly OrderPlaced First = new("o-1", "ann", [new OrderLine("sku-a", 1)], "tok_visa");
    private static readonly OrderPlaced Second = new("o-1", "bob", [new OrderLine("sku-b", 3)], "tok_visa");

    private readonly EventEnvelope first = Deferred(First);
    private readonly EventEnvelope second = Deferred(Second);

    [Fact]
    public async Task The_placement_that_took_the_id_is_the_order_and_the_other_sees_only_its_own_rejection()
    {
        var validated = Caused(first, new OrderValidated("o-1", "ann", [new PricedLine("sku-a", 1, 5m)], 5m, "tok_visa"));
        var lost = Caused(second, new OrderRejected("o-1", OrderRejected.OrderIdReused));
        var row = await ProjectAsync(second, lost, first, validated);

        var order = Fold(OrderPlacements.OfOrder(OrderRow.Facts(row)));
        Assert.Equal(("ann", OrderStatus.Validated, 2), (order.CustomerId, order.Status, order.Version));
        Assert.Equal("sku-a", Assert.Single(order.Lines).Sku);

        Assert.Equal(OrderRow.Facts(row).Where(f => f.Placement != second.Id), OrderPlacements.OfPlacement(OrderRow.Facts(row), first.Id));
        var loser = Fold(OrderPlacements.OfPlacement(OrderRow.Facts(row), second.Id));
        Assert.Equal(("bob", OrderStatus.Rejected, OrderRejected.OrderIdReused, true), (loser.CustomerId, loser.Status, loser.Reason, loser.IsComplete));
    }

    [Fact]
    public async Task Before_validate_order_decides_the_earliest_placement_shows_and_the_later_waits_as_placed()
    {
        var row = await ProjectAsync(second with { Time = first.Time.AddSeconds(1) }, first);

        Assert.Equal("ann", Fold(OrderPlacements.OfOrder(OrderRow.Facts(row))).CustomerId);
        var waiting = Fold(OrderPlacements.OfPlacement(OrderRow.Facts(row), second.Id));
        Assert.Equal(("bob", OrderStatus.Placed, false), (waiting.CustomerId, waiting.Status, waiting.IsComplete));
    }

    [Fact]
    public async Task A_placement_claimed_at_the_api_is_the_order_whatever_was_deferred_beside_it()
    {
        var claimed = TestEvents.Envelope(First, OrderPlacement.ClaimedId("o-1"));
        var lost = Caused(second, new OrderRejected("o-1", OrderRejected.OrderIdReused));
        var row = await ProjectAsync(second, claimed, lost);

        Assert.Equal("ann", Fold(OrderPlacements.OfOrder(OrderRow.Facts(row))).CustomerId);
        Assert.Equal(OrderStatus.Rejected, Fold(OrderPlacements.OfPlacement(OrderRow.Facts(row), second.Id)).Status);
        // The same body deferred and then claimed is one order.
        var again = await ProjectAsync(first, claimed);
        Assert.Equal("ann", Fold(OrderPlacements.OfPlacement(OrderRow.Facts(again), first.Id)).CustomerId);
        Assert.Equal(2, OrderRow.Facts(again).Count(f => f.Type == EventTypes.NameOf(typeof(OrderPlaced))));
    }

    [Fact]
    public async Task A_placements_rejection_neither_ends_the_order_nor_is_a_fact_of_it()
    {
        var function = new ProjectOrderViewFunction(Mock.Of<IOrderViewChanges>(), Versions, TestEvents.Clock());
        var lost = Caused(second, new OrderRejected("o-1", OrderRejected.OrderIdReused));

        var changes = (await function.HandleAsync([lost], CancellationToken.None))[0].Changes;

        var fact = Assert.IsType<OrderFact>(Assert.Single(changes));
        Assert.Equal(second.Id, fact.Placement);
    }

    [Fact]
    public async Task A_deferred_placement_lists_the_order_under_its_customer_naming_itself_so_a_losing_placements_row_can_be_told()
    {
        var function = new ProjectOrderViewFunction(Mock.Of<IOrderViewChanges>(), Versions, TestEvents.Clock());

        var changes = (await function.HandleAsync([second], CancellationToken.None))[0].Changes;

        var listed = Assert.Single(changes.OfType<CustomerOrder>());
        Assert.Equal(new CustomerOrder("bob", "o-1", second.Id), listed);
        Assert.Equal(second.Id, listed.Properties[CustomerOrder.PlacementProperty]);
    }

    private static EventEnvelope Deferred(OrderPlaced placed) =>
        TestEvents.Envelope(placed, OrderPlacement.DeferredId(placed.OrderId, OrderFingerprint.Of(placed)));

    private static EventEnvelope Caused(EventEnvelope cause, IOrderEvent data) =>
        new(DeterministicId.For("test", cause.Id + data.GetType().Name), Provenance.SourceOf(Topics.Get(Topics.Of(data)).Writer), TestEvents.Now, cause.Id, data);

    /// <summary>The order's row after the projection's facts for <paramref name="events"/> were merged into it, in that order.</summary>
    private static async Task<TableEntity> ProjectAsync(params EventEnvelope[] events)
    {
        var function = new ProjectOrderViewFunction(Mock.Of<IOrderViewChanges>(), Versions, TestEvents.Clock());
        var row = new TableEntity(EventFunctions.Storage.OrderShard.Of("o-1"), OrderRow.KeyOf("o-1"));
        foreach (var effect in await function.HandleAsync(events, CancellationToken.None))
            foreach (var (name, value) in effect.Changes.OfType<OrderFact>().Single().Properties)
                row[name] = value;
        return row;
    }

    private static OrderView Fold(IReadOnlyList<StoredFact> facts) => OrderView.Fold("o-1", facts.Select(f => f.Event!).ToList());
}
