using EventFunctions.Processing.Lineage;
using EventFunctions.Messaging;
using EventFunctions.Orders.ValidateOrder;

namespace EventFunctions.UnitTests.Orders.ValidateOrder;

public class ValidateOrderFunctionTests
{
    private readonly Mock<ICatalogue> catalogue = new(MockBehavior.Strict);

    // Strict: an order claimed at the API costs ValidateOrder no request; only a deferred placement claims.
    private readonly Mock<IOrderRequests> requests = new(MockBehavior.Strict);

    [Fact]
    public async Task A_batch_reads_the_catalogue_once_and_decides_each_order()
    {
        catalogue.Setup(c => c.GetPricesAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, CataloguePrice> { ["sku-a"] = new(5m) });
        var function = new ValidateOrderFunction(catalogue.Object, requests.Object, TestEvents.Clock());
        var good = TestEvents.Envelope(TestEvents.Placed("o-1", new OrderLine("sku-a", 2)));
        var unknown = TestEvents.Envelope(TestEvents.Placed("o-2", new OrderLine("sku-z", 1)));

        var effects = await function.HandleAsync([good, unknown], CancellationToken.None);

        catalogue.Verify(c => c.GetPricesAsync(
            It.Is<IReadOnlyCollection<string>>(skus => skus.Order().SequenceEqual(new[] { "sku-a", "sku-z" })),
            It.IsAny<CancellationToken>()), Times.Once);
        Assert.Equal(10m, Assert.IsType<OrderValidated>(Assert.Single(effects[0].Emits).Data).Total);
        Assert.Equal("unknown sku: sku-z", Assert.IsType<OrderRejected>(Assert.Single(effects[1].Emits).Data).Reason);
    }

    [Fact]
    public async Task A_redelivered_order_emits_the_same_event_id_caused_by_it()
    {
        catalogue.Setup(c => c.GetPricesAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, CataloguePrice> { ["sku-a"] = new(5m) });
        var function = new ValidateOrderFunction(catalogue.Object, requests.Object, TestEvents.Clock());
        var placed = TestEvents.Envelope(TestEvents.Placed());

        var first = Assert.Single((await function.HandleAsync([placed], CancellationToken.None))[0].Emits);
        var again = Assert.Single((await function.HandleAsync([placed], CancellationToken.None))[0].Emits);

        Assert.Equal(first.Id, again.Id);
        Assert.Equal(DeterministicId.For(ConsumerGroups.ValidateOrder, placed.Id), first.Id);
        Assert.Equal(placed.Id, first.CausationId);
        Assert.Equal(Topics.OrdersValidated, first.Topic);
    }

    [Fact]
    public void It_handles_only_orders_placed()
    {
        var function = new ValidateOrderFunction(catalogue.Object, requests.Object, TestEvents.Clock());

        Assert.True(function.Handles(TestEvents.Envelope(TestEvents.Placed())));
        Assert.False(function.Handles(TestEvents.Envelope(TestEvents.Validated())));
    }

    [Fact]
    public async Task An_order_that_cannot_be_validated_is_settled_as_rejected_with_the_reason()
    {
        var function = new ValidateOrderFunction(catalogue.Object, requests.Object, TestEvents.Clock());
        var placed = TestEvents.Envelope(TestEvents.Placed("o-1"));

        var effect = await function.SettleAsync(placed, "Table Storage: request rejected: 400 PropertyValueTooLarge", CancellationToken.None);

        Assert.Equal(new OrderRejected("o-1", "order could not be processed: Table Storage: request rejected: 400 PropertyValueTooLarge"), Assert.Single(effect.Emits).Data);
        Assert.Equal(DeterministicId.For(ConsumerGroups.ValidateOrder, placed.Id), Assert.Single(effect.Emits).Id);
        catalogue.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Of_two_deferred_placements_of_one_order_the_first_in_the_log_takes_the_id_and_the_other_is_rejected()
    {
        catalogue.Setup(c => c.GetPricesAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, CataloguePrice> { ["sku-a"] = new(5m), ["sku-b"] = new(7m) });
        var first = Deferred(TestEvents.Placed("o-1", new OrderLine("sku-a", 1)));
        var second = Deferred(TestEvents.Placed("o-1", new OrderLine("sku-b", 1)));
        // The claims table as it answers: the first claim of an id holds it.
        var held = new Dictionary<string, string>();
        var claims = new List<string>();
        requests.Setup(r => r.ClaimAsync("o-1", It.Is<OrderClaim>(c => c.Deferred), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, OrderClaim claim, CancellationToken _) =>
            {
                claims.Add(claim.Fingerprint);
                return new OrderClaim(held.TryAdd(id, claim.Fingerprint) ? claim.Fingerprint : held[id], Deferred: true);
            });
        var function = new ValidateOrderFunction(catalogue.Object, requests.Object, TestEvents.Clock());

        var effects = await function.HandleAsync([first, second], CancellationToken.None);

        Assert.Equal([OrderFingerprint.Of((OrderPlaced)first.Data), OrderFingerprint.Of((OrderPlaced)second.Data)], claims);
        Assert.Equal(5m, Assert.IsType<OrderValidated>(Assert.Single(effects[0].Emits).Data).Total);
        var rejected = Assert.IsType<OrderRejected>(Assert.Single(effects[1].Emits).Data);
        Assert.Equal("orderId already used with different content", rejected.Reason);
        Assert.True(rejected.RejectsPlacement());
        Assert.Equal(second.Id, effects[1].Emits[0].CausationId);
    }

    [Fact]
    public async Task A_deferred_placement_whose_content_holds_the_claim_already_is_validated_as_any_order()
    {
        catalogue.Setup(c => c.GetPricesAsync(It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Dictionary<string, CataloguePrice> { ["sku-a"] = new(5m) });
        var placed = TestEvents.Placed("o-1", new OrderLine("sku-a", 2));
        // Claimed at the API by the same body, which then came again while storage was away.
        requests.Setup(r => r.ClaimAsync("o-1", new OrderClaim(OrderFingerprint.Of(placed), true), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new OrderClaim(OrderFingerprint.Of(placed), false));
        var function = new ValidateOrderFunction(catalogue.Object, requests.Object, TestEvents.Clock());

        var effects = await function.HandleAsync([Deferred(placed)], CancellationToken.None);

        Assert.Equal(10m, Assert.IsType<OrderValidated>(Assert.Single(effects[0].Emits).Data).Total);
    }

    private static EventEnvelope Deferred(OrderPlaced placed) =>
        TestEvents.Envelope(placed, OrderPlacement.DeferredId(placed.OrderId, OrderFingerprint.Of(placed)));
}
