using System.Text.Json.Nodes;
using EventFunctions.Contracts.Versions;

namespace EventFunctions.UnitTests.EventContracts;

public class EventUpcastersTests
{
    private static readonly Type[] WithAmounts =
        [typeof(OrderPlaced), typeof(OrderValidated), typeof(PaymentCaptured), typeof(StockUnavailable), typeof(PaymentRefunded), typeof(RefundFailed)];

    public static TheoryData<string> Types() => new(WithAmounts.Select(EventTypes.NameOf));

    [Theory]
    [MemberData(nameof(Types))]
    public void A_v1_event_with_an_amount_becomes_v2_in_euros(string typeName)
    {
        var v1 = new JsonObject { ["orderId"] = "o-1", ["amount"] = 5.00m };

        var v2 = EventUpcasters.Upcast(EventTypes.Find(typeName)!, 1, v1);

        Assert.Equal("EUR", (string?)v2["currency"]);
        Assert.Equal(5.00m, (decimal?)v2["amount"]);
        Assert.False(v1.ContainsKey("currency"), "the input is left as it was");
    }

    [Fact]
    public void A_currency_already_there_is_kept() =>
        Assert.Equal("USD", (string?)CurrencyUpcast.FromV1(new JsonObject { ["currency"] = "USD" })["currency"]);

    [Fact]
    public void Data_of_the_current_version_is_left_as_it_is()
    {
        var v2 = new JsonObject { ["orderId"] = "o-1" };

        Assert.True(JsonNode.DeepEquals(v2, EventUpcasters.Upcast(typeof(OrderPlaced), 2, v2)));
        Assert.True(JsonNode.DeepEquals(v2, EventUpcasters.Upcast(typeof(OrderRejected), 1, v2)));
    }

    [Fact]
    public void Every_version_before_the_current_one_has_an_upcaster()
    {
        foreach (var type in Topics.All.SelectMany(t => t.EventTypes))
            for (var version = 1; version < EventSchemas.CurrentVersionOf(type); version++)
                Assert.True(EventUpcasters.Has(type, version), $"{EventTypes.NameOf(type)} has no upcaster from v{version}");
    }
}
