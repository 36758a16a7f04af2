using EventFunctions.ReadSide.OrderViews;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace EventFunctions.UnitTests.ReadSide.OrderViews;

public class OrderQueryTests
{
    private static IQueryCollection Query(params (string Name, string Value)[] values) =>
        new QueryCollection(values.ToDictionary(v => v.Name, v => new StringValues(v.Value)));

    [Fact]
    public void No_query_reads_the_view_as_it_is()
    {
        var (query, errors) = OrderQuery.Read(Query());

        Assert.Empty(errors);
        Assert.Equal(new OrderQuery(null, false, TimeSpan.FromSeconds(30)), query);
        Assert.False(query!.Waits);
    }

    [Fact]
    public void Waiting_for_a_final_status_after_a_version_waits_at_most_a_minute()
    {
        var (query, _) = OrderQuery.Read(Query(("afterVersion", "2"), ("waitFor", "final"), ("waitSeconds", "60")));
        var (tooLong, errors) = OrderQuery.Read(Query(("waitSeconds", "600")));

        Assert.Equal(new OrderQuery(2, true, OrderQuery.MaxWait), query);
        Assert.True(query!.Waits);
        Assert.Null(tooLong);
        Assert.Equal(["waitSeconds must be a whole number from 0 to 60."], errors["waitSeconds"]);
    }

    [Theory]
    [InlineData("afterVersion", "two")]
    [InlineData("afterVersion", "-1")]
    [InlineData("waitSeconds", "1.5")]
    [InlineData("waitFor", "shipped")]
    public void A_bad_parameter_is_named_in_the_errors(string name, string value)
    {
        var (query, errors) = OrderQuery.Read(Query((name, value)));

        Assert.Null(query);
        Assert.Equal([name], errors.Keys);
    }
}
