using EventFunctions.Processing;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.ReadSide.Versions;
using EventFunctions.UnitTests.ReadSide.Versions;

namespace EventFunctions.UnitTests.ReadSide.OrderViews;

public class ProjectOrderViewFunctionTests
{
    private readonly Mock<IOrderViewChanges> changes = new();

    /// <summary>Which tables it writes is the versions' business (ViewTablesTests); deciding the rows needs none.</summary>
    private static readonly ViewTables Versions = new(
        Mock.Of<IViewVersionStore>(), new EventFunctions.Storage.TableStorage(new Azure.Data.Tables.TableServiceClient("UseDevelopmentStorage=true")),
        TimeProvider.System, new ViewRebuildOptions());

    [Fact]
    public async Task Each_event_becomes_a_fact_an_order_placed_is_listed_under_its_customer_and_open_and_its_end_closes_it()
    {
        var function = new ProjectOrderViewFunction(changes.Object, Versions, TestEvents.Clock());
        var placed = TestEvents.Envelope(TestEvents.Placed("o-1"));
        var validated = TestEvents.Envelope(TestEvents.Validated("o-1"));
        var declined = TestEvents.Envelope(new PaymentDeclined("o-1", "card_declined"));

        var effects = await function.HandleAsync([placed, validated, declined], CancellationToken.None);

        Assert.All(effects, e => Assert.Empty(e.Emits));
        Assert.Equal([OrderFact.Of(placed, TestEvents.Now), new CustomerOrder("c-1", "o-1"), OpenOrder.Placed("o-1", placed.Time)], effects[0].Changes);
        Assert.Equal([OrderFact.Of(validated, TestEvents.Now)], effects[1].Changes);
        Assert.Equal([OrderFact.Of(declined, TestEvents.Now), OpenOrder.Ended("o-1", declined.Time)], effects[2].Changes);
        // Every fact merges into the order's one row, each in properties of its own, so no fact overwrites another.
        Assert.All(effects, e => Assert.Equal((ConflictRule.Merge, OrderRow.KeyOf("o-1")), (e.Changes[0].OnConflict, e.Changes[0].RowKey)));
        // The end overwrites the opening, which never overwrites anything: closed stays closed in any order of arrival.
        Assert.Equal((ConflictRule.FirstWins, ConflictRule.Upsert), (effects[0].Changes[2].OnConflict, effects[2].Changes[1].OnConflict));
        Assert.Equal(effects[0].Changes[2].RowKey, effects[2].Changes[1].RowKey);
    }

    [Fact]
    public async Task An_order_with_an_invalid_customer_id_is_not_indexed_under_it()
    {
        var function = new ProjectOrderViewFunction(changes.Object, Versions, TestEvents.Clock());
        var placed = TestEvents.Envelope(TestEvents.Placed("o-1") with { CustomerId = "a/b" });

        var effect = Assert.Single(await function.HandleAsync([placed], CancellationToken.None));

        Assert.DoesNotContain(effect.Changes, c => c is CustomerOrder);
    }

    [Fact]
    public void A_redelivery_with_any_id_writes_the_same_properties_and_another_type_writes_others()
    {
        var first = OrderFact.Of(TestEvents.Envelope(TestEvents.Placed(), id: "id-1"), TestEvents.Now);
        var again = OrderFact.Of(TestEvents.Envelope(TestEvents.Placed(), id: "id-2"), TestEvents.Now);
        var validated = OrderFact.Of(TestEvents.Envelope(TestEvents.Validated(), id: "id-3"), TestEvents.Now);

        Assert.Equal(first.Properties.Keys, again.Properties.Keys);
        Assert.Empty(first.Properties.Keys.Intersect(validated.Properties.Keys));
    }

    [Fact]
    public async Task A_fact_too_large_to_store_is_settled_reduced_with_the_problem_and_still_folds()
    {
        var function = new ProjectOrderViewFunction(changes.Object, Versions, TestEvents.Clock());
        var placed = TestEvents.Envelope(TestEvents.Placed("o-1") with { PaymentToken = new string('t', 40_000) });

        var effect = await function.SettleAsync(placed, "Table Storage: request rejected: 400 PropertyValueTooLarge", CancellationToken.None);

        var fact = Assert.IsType<OrderFact>(effect.Changes[0]);
        Assert.Equal("Table Storage: request rejected: 400 PropertyValueTooLarge", fact.Problem);
        Assert.True(fact.Data.Length < 1_000, $"{fact.Data.Length} characters");
        var folded = Assert.IsType<OrderPlaced>(OrderFact.Read(fact.Type, fact.Data));
        Assert.Equal(("o-1", "c-1"), (folded.OrderId, folded.CustomerId));
        Assert.Contains(effect.Changes, c => c is CustomerOrder);
    }

    [Fact]
    public void Committed_events_are_signalled_to_waiting_readers()
    {
        var function = new ProjectOrderViewFunction(changes.Object, Versions, TestEvents.Clock());
        var placed = TestEvents.Envelope(TestEvents.Placed("o-1"));

        function.Committed([new Effect(placed, [], [])]);

        changes.Verify(c => c.Changed(It.Is<IReadOnlyList<EventEnvelope>>(events => events.Single() == placed)), Times.Once);
    }

    [Fact]
    public void It_reads_every_topic_of_the_catalogue_and_keeps_no_inbox()
    {
        var function = new ProjectOrderViewFunction(changes.Object, Versions, TestEvents.Clock());

        Assert.Equal(Topics.All.Select(t => t.Name), function.Topics);
        Assert.False(function.KeepsInbox());
    }

    [Fact]
    public async Task A_change_reaches_the_readers_waiting_on_that_order_only()
    {
        var signals = new OrderViewChanges();
        var waitingOnOne = signals.NextChange("o-1");
        var waitingOnTwo = signals.NextChange("o-2");

        signals.Changed([TestEvents.Envelope(TestEvents.Placed("o-1")), TestEvents.Envelope(TestEvents.Validated("o-1"))]);

        await waitingOnOne.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.False(waitingOnTwo.IsCompleted);
    }

    [Fact]
    public void A_fact_keeps_its_schema_version_and_one_kept_before_versions_reads_as_v1()
    {
        var fact = OrderFact.Of(TestEvents.Envelope(TestEvents.Validated("o-1")), TestEvents.Now);
        const string v1 = """{"orderId":"o-1","customerId":"c-1","lines":[],"total":5.00,"paymentToken":"tok_visa"}""";

        Assert.Equal(2, fact.Properties[OrderRow.FactProperties.Of(fact.Type).SchemaVersion]);
        var old = Assert.IsType<OrderValidated>(OrderFact.Read(fact.Type, v1, schemaVersion: null));
        Assert.Equal((5.00m, "EUR"), (old.Total, old.Currency));
        var current = Assert.IsType<OrderValidated>(OrderFact.Read(fact.Type, fact.Data.Replace("\"EUR\"", "\"USD\""), schemaVersion: 2));
        Assert.Equal("USD", current.Currency);
    }
}
