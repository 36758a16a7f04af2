using EventFunctions.Messaging;

namespace EventFunctions.UnitTests.EventContracts;

/// <summary>An order claimed before currencies existed stays the same order after the upgrade.</summary>
public class OrderFingerprintTests
{
    private static readonly OrderPlaced Order = new("v1-confirmed", "alice", [new OrderLine("v1-pen", 2)], "tok_visa");

    [Fact]
    public void An_order_in_euros_has_the_fingerprint_the_v1_api_claimed_it_with() =>
        // The claim of v1-confirmed in tests/EventFunctions.IntegrationTests/EventContracts/Fixtures/records-v1.json.
        Assert.Equal(V1FixtureFingerprint, OrderFingerprint.Of(Order));

    [Fact]
    public void The_euros_an_order_states_and_the_euros_it_defaults_to_are_one_order() =>
        Assert.Equal(OrderFingerprint.Of(Order), OrderFingerprint.Of(Order with { Currency = "EUR" }));

    [Fact]
    public void Another_currency_is_another_order() =>
        Assert.NotEqual(OrderFingerprint.Of(Order), OrderFingerprint.Of(Order with { Currency = "USD" }));

    private const string V1FixtureFingerprint = "6817a7983112294453395e4d6c8ee3460e261c065508efa8897fd8655f13f8f8";
}
