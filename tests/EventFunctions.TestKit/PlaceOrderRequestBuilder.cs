using EventFunctions.Orders.Intake;

namespace EventFunctions.TestKit;

/// <summary>
/// A <see cref="PlaceOrderRequest"/> as a test reads it: <c>TestOrders.Place(orderId).By("alice").Line("pen", 2).Build()</c>.
/// Unless told otherwise it is paid with a card that is captured (<c>tok_visa</c>), in the default currency.
/// </summary>
public sealed class PlaceOrderRequestBuilder(string? orderId)
{
    private readonly List<OrderLineRequest> lines = [];
    private string? customerId = "alice";
    private string? paymentToken = "tok_visa";
    private string? currency;

    public PlaceOrderRequestBuilder By(string? customer)
    {
        customerId = customer;
        return this;
    }

    public PlaceOrderRequestBuilder Line(string? sku, int? quantity = 1)
    {
        lines.Add(new OrderLineRequest(sku, quantity));
        return this;
    }

    public PlaceOrderRequestBuilder Lines(IEnumerable<OrderLineRequest> more)
    {
        lines.AddRange(more);
        return this;
    }

    public PlaceOrderRequestBuilder PaidWith(string? token)
    {
        paymentToken = token;
        return this;
    }

    public PlaceOrderRequestBuilder In(string? currencyCode)
    {
        currency = currencyCode;
        return this;
    }

    public PlaceOrderRequest Build() => new(orderId, customerId, [.. lines], paymentToken, currency);
}

/// <summary>Where a test starts an order request.</summary>
public static class TestOrders
{
    /// <summary>An order request for <paramref name="orderId"/> (null: the API picks one), to be given lines.</summary>
    public static PlaceOrderRequestBuilder Place(string? orderId) => new(orderId);
}
