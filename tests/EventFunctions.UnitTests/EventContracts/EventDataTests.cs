using System.Text;
using System.Text.Json;
using EventFunctions.Contracts.Versions;

namespace EventFunctions.UnitTests.EventContracts;

/// <summary>Readers are tolerant: old versions upcast, unknown fields ignored, missing optional ones defaulted.</summary>
public class EventDataTests
{
    private const string V1Placed = """{"orderId":"o-1","customerId":"c-1","lines":[{"sku":"pen","quantity":2}],"paymentToken":"tok_visa"}""";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public void A_v1_record_reads_as_the_current_event_in_euros()
    {
        var placed = Assert.IsType<OrderPlaced>(EventData.Read(typeof(OrderPlaced), 1, Utf8(V1Placed)));

        Assert.Equal(("o-1", "EUR", "pen"), (placed.OrderId, placed.Currency, placed.Lines.Single().Sku));
    }

    [Fact]
    public void Unknown_fields_are_ignored_and_a_missing_currency_is_euros_in_any_version()
    {
        var placed = Assert.IsType<OrderPlaced>(EventData.Read(typeof(OrderPlaced), 2, Utf8(V1Placed.Replace("}]", "}],\"giftWrap\":true"))));

        Assert.Equal("EUR", placed.Currency);
    }

    [Fact]
    public void A_version_newer_than_the_code_is_refused_saying_so()
    {
        var refused = Assert.Throws<JsonException>(() => EventData.Read(typeof(OrderPlaced), 3, Utf8(V1Placed)));

        Assert.Contains("v3 is newer than this code reads (v2)", refused.Message);
    }

    [Fact]
    public void An_old_version_that_is_not_an_object_is_refused() =>
        Assert.Throws<JsonException>(() => EventData.Read(typeof(OrderPlaced), 1, Utf8("[1]")));
}
