using EventFunctions.Functions;
using EventFunctions.Functions.ProjectOrderView;

namespace EventFunctions.UnitTests.Functions;

public class ProjectOrderViewFunctionTests
{
    private readonly Mock<IOrderViewChanges> changes = new();

    [Fact]
    public async Task Each_event_becomes_a_fact_and_an_order_placed_also_lists_the_order_under_its_customer()
    {
        var function = new ProjectOrderViewFunction(changes.Object);
        var placed = TestEvents.Envelope(TestEvents.Placed("o-1"));
        var validated = TestEvents.Envelope(TestEvents.Validated("o-1"));

        var effects = await function.HandleAsync([placed, validated], CancellationToken.None);

        Assert.All(effects, e => Assert.Empty(e.Emits));
        Assert.Equal([new OrderFact("o-1", placed.Id, placed.Data), new CustomerOrder("c-1", "o-1")], effects[0].Changes);
        Assert.Equal([new OrderFact("o-1", validated.Id, validated.Data)], effects[1].Changes);
        Assert.Equal(ConflictRule.FirstWins, effects[0].Changes[0].OnConflict);
    }

    [Fact]
    public void A_fact_is_keyed_by_its_event_type_so_a_redelivery_with_any_id_adds_nothing()
    {
        var first = new OrderFact("o-1", "id-1", TestEvents.Placed());
        var again = new OrderFact("o-1", "id-2", TestEvents.Placed());

        Assert.Equal(first.RowKey, again.RowKey);
        Assert.NotEqual(first.RowKey, new OrderFact("o-1", "id-3", TestEvents.Validated()).RowKey);
    }

    [Fact]
    public void Committed_events_are_signalled_to_waiting_readers()
    {
        var function = new ProjectOrderViewFunction(changes.Object);
        var placed = TestEvents.Envelope(TestEvents.Placed("o-1"));

        function.Committed([new Effect(placed, [], [])]);

        changes.Verify(c => c.Changed(It.Is<IEnumerable<IOrderEvent>>(events => events.Single() == placed.Data)), Times.Once);
    }

    [Fact]
    public void It_reads_every_topic_of_the_catalogue_and_keeps_no_inbox()
    {
        var function = new ProjectOrderViewFunction(changes.Object);

        Assert.Equal(Topics.All.Select(t => t.Name), function.Topics);
        Assert.False(function.UsesInbox);
    }

    [Fact]
    public async Task A_change_reaches_the_readers_waiting_on_that_order_only()
    {
        var signals = new OrderViewChanges();
        var waitingOnOne = signals.NextChange("o-1");
        var waitingOnTwo = signals.NextChange("o-2");

        signals.Changed([TestEvents.Placed("o-1"), TestEvents.Validated("o-1")]);

        Assert.Equal(2, (await waitingOnOne.WaitAsync(TimeSpan.FromSeconds(5))).Count);
        Assert.False(waitingOnTwo.IsCompleted);
    }
}
