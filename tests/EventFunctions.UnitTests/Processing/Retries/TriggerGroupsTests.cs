using EventFunctions.Processing;
using EventFunctions.Processing.Retries;
using Moq;

namespace EventFunctions.UnitTests.Processing.Retries;

public class TriggerGroupsTests
{
    [Fact]
    public void A_function_reading_one_topic_commits_in_the_group_named_after_it()
    {
        var function = Reading(ConsumerGroups.ValidateOrder, Topics.OrdersPlaced);

        Assert.Equal(ConsumerGroups.ValidateOrder, TriggerGroups.Of(function, Topics.OrdersPlaced));
    }

    [Fact]
    public void A_function_reading_several_topics_has_a_group_per_topic()
    {
        var function = Reading(ConsumerGroups.ProjectDailySales, Topics.OrdersValidated, Topics.StockOutcomes);

        Assert.Equal(
            [(Topics.OrdersValidated, "project-daily-sales.orders.validated"), (Topics.StockOutcomes, "project-daily-sales.stock.reserved")],
            TriggerGroups.All(function));
    }

    [Fact]
    public void A_topic_the_function_does_not_read_has_no_group_of_it()
    {
        Assert.Throws<ArgumentException>(() => TriggerGroups.Of(Reading(ConsumerGroups.ValidateOrder, Topics.OrdersPlaced), Topics.StockOutcomes));
    }

    private static IEventFunction Reading(string name, params string[] topics)
    {
        var function = new Mock<IEventFunction>();
        function.SetupGet(f => f.Name).Returns(name);
        function.SetupGet(f => f.Topics).Returns(topics);
        return function.Object;
    }
}
