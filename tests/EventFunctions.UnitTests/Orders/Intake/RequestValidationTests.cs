using EventFunctions.Orders.Intake;

namespace EventFunctions.UnitTests.Orders.Intake;

public class RequestValidationTests
{
    private static readonly PlaceOrderRequest Valid = new("o-1", "c-1", [new OrderLineRequest("sku-a", 2)], "tok_visa");

    [Fact]
    public void A_valid_request_has_no_errors_and_places_its_order()
    {
        Assert.Empty(RequestValidation.Check(Valid));
        var placed = RequestValidation.ToEvent(Valid, "o-1");
        Assert.Equal(("o-1", "c-1", "tok_visa"), (placed.OrderId, placed.CustomerId, placed.PaymentToken));
        Assert.Equal([new OrderLine("sku-a", 2)], placed.Lines);
    }

    public static TheoryData<PlaceOrderRequest, string> Faults() => new()
    {
        { Valid with { OrderId = "o/1" }, "orderId" },
        { Valid with { CustomerId = null }, "customerId" },
        { Valid with { CustomerId = new string('c', 65) }, "customerId" },
        { Valid with { PaymentToken = "" }, "paymentToken" },
        { Valid with { Lines = null }, "lines" },
        { Valid with { Lines = [] }, "lines" },
        { Valid with { Lines = Enumerable.Range(0, 51).Select(i => (OrderLineRequest?)new OrderLineRequest($"s{i}", 1)).ToList() }, "lines" },
        { Valid with { Lines = [new OrderLineRequest(null, 1)] }, "lines[0].sku" },
        { Valid with { Lines = [new OrderLineRequest("sku-a", 1), new OrderLineRequest("sku b", 1)] }, "lines[1].sku" },
        { Valid with { Lines = [new OrderLineRequest("sku-a", null)] }, "lines[0].quantity" },
        { Valid with { Lines = [new OrderLineRequest("sku-a", 0)] }, "lines[0].quantity" },
        { Valid with { Lines = [null] }, "lines[0]" },
        { Valid with { PaymentToken = new string('t', 129) }, "paymentToken" },
        { Valid with { PaymentToken = "tok visa" }, "paymentToken" },
        { Valid with { Lines = [new OrderLineRequest("sku-a", 1), new OrderLineRequest("sku-a", 2)] }, "lines" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void Each_fault_is_reported_under_the_JSON_path_of_its_field(PlaceOrderRequest request, string field)
    {
        var errors = RequestValidation.Check(request);

        Assert.Contains(field, errors.Keys);
        Assert.NotEmpty(errors[field]);
    }

    [Fact]
    public void An_order_id_is_optional()
    {
        Assert.Empty(RequestValidation.Check(Valid with { OrderId = null }));
    }

    [Theory]
    [InlineData(null, 1.5, "quantity")]
    [InlineData(-1, 1.5, "quantity")]
    [InlineData(3, null, "unitPrice")]
    [InlineData(3, 0.0, "unitPrice")]
    public void Inventory_needs_a_quantity_and_a_positive_price(int? quantity, double? unitPrice, string field)
    {
        var errors = RequestValidation.Check(new SetInventoryRequest(quantity, (decimal?)unitPrice));

        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void A_currency_is_optional_euros_by_default_and_else_an_ISO_4217_code()
    {
        Assert.Equal("EUR", RequestValidation.ToEvent(Valid, "o-1").Currency);
        Assert.Equal("USD", RequestValidation.ToEvent(Valid with { Currency = "USD" }, "o-1").Currency);
        Assert.Empty(RequestValidation.Check(Valid with { Currency = "USD" }));
        Assert.Equal(["currency"], RequestValidation.Check(Valid with { Currency = "usd" }).Keys);
        Assert.Equal(["currency"], RequestValidation.Check(new SetInventoryRequest(1, 1m, "EURO")).Keys);
    }
}
