using EventFunctions.Orders.ValidateOrder;
using static EventFunctions.Orders.ValidateOrder.OrderValidation;

namespace EventFunctions.UnitTests.Orders.ValidateOrder;

public class OrderValidationTests
{
    private static readonly Dictionary<string, CataloguePrice> Prices = new() { ["sku-a"] = new(2.50m), ["sku-b"] = new(10m) };

    private static OrderPlaced Order(params OrderLine[] lines) => new("o-1", "c-1", lines, "tok_visa");

    [Fact]
    public void A_valid_order_is_priced_from_the_catalogue()
    {
        var outcome = Decide(Order(new OrderLine("sku-a", 4), new OrderLine("sku-b", 1)), Prices);

        var validated = Assert.IsType<OrderValidated>(outcome);
        Assert.Equal([new PricedLine("sku-a", 4, 2.50m), new PricedLine("sku-b", 1, 10m)], validated.Lines);
        Assert.Equal(20m, validated.Total);
        Assert.Equal(("o-1", "c-1", "tok_visa"), (validated.OrderId, validated.CustomerId, validated.PaymentToken));
    }

    public static TheoryData<OrderPlaced, string> Rejections() => new()
    {
        { new("o-1", "", [new("sku-a", 1)], "tok_visa"), Reasons.InvalidCustomer },
        { new("o-1", "c/1", [new("sku-a", 1)], "tok_visa"), Reasons.InvalidCustomer },
        { new("o-1", "c-1", [new("sku-a", 1)], " "), Reasons.MissingPaymentToken },
        { new("o-1", "c-1", [], "tok_visa"), Reasons.NoLines },
        { new("o-1", "c-1", Enumerable.Range(0, MaxLines + 1).Select(i => new OrderLine($"sku-{i}", 1)).ToList(), "tok_visa"), Reasons.TooManyLines },
        { new("o-1", "c-1", [new("sku a", 1)], "tok_visa"), Reasons.InvalidSku("sku a") },
        { new("o-1", "c-1", [new("sku-a", 0)], "tok_visa"), Reasons.InvalidQuantity("sku-a") },
        { new("o-1", "c-1", [new("sku-b", MaxQuantity + 1)], "tok_visa"), Reasons.InvalidQuantity("sku-b") },
        { new("o-1", "c-1", [new("sku-a", 1), new("sku-a", 2)], "tok_visa"), Reasons.DuplicateSku("sku-a") },
        { new("o-1", "c-1", [new("sku-a", 1), new("sku-x", 1), new("sku-y", 1)], "tok_visa"), Reasons.UnknownSkus(["sku-x", "sku-y"]) },
    };

    [Theory]
    [MemberData(nameof(Rejections))]
    public void Every_problem_rejects_the_order_with_its_reason(OrderPlaced order, string reason)
    {
        var rejected = Assert.IsType<OrderRejected>(Decide(order, Prices));

        Assert.Equal(new OrderRejected("o-1", reason), rejected);
    }

    [Fact]
    public void Unknown_skus_are_named_in_the_reason()
    {
        var rejected = Assert.IsType<OrderRejected>(Decide(Order(new OrderLine("sku-x", 1)), Prices));

        Assert.Equal("unknown sku: sku-x", rejected.Reason);
    }

    [Fact]
    public void A_total_that_does_not_fit_a_decimal_is_rejected_not_thrown()
    {
        var rejected = Assert.IsType<OrderRejected>(Decide(Order(new OrderLine("sku-a", 2)), new Dictionary<string, CataloguePrice> { ["sku-a"] = new(decimal.MaxValue) }));

        Assert.Equal(OrderValidation.Reasons.TotalTooLarge, rejected.Reason);
    }

    [Fact]
    public void An_order_is_priced_and_totalled_in_its_currency()
    {
        var order = Order(new OrderLine("sku-a", 2)) with { Currency = "USD" };

        var validated = Assert.IsType<OrderValidated>(Decide(order, new Dictionary<string, CataloguePrice> { ["sku-a"] = new(3m, "USD") }));

        Assert.Equal((6m, "USD"), (validated.Total, validated.Currency));
    }

    [Fact]
    public void A_sku_priced_in_another_currency_rejects_the_order_naming_both()
    {
        var order = Order(new OrderLine("sku-a", 1), new OrderLine("sku-b", 1));

        var rejected = Assert.IsType<OrderRejected>(Decide(order, new Dictionary<string, CataloguePrice> { ["sku-a"] = new(1m), ["sku-b"] = new(1m, "GBP") }));

        Assert.Equal("sku 'sku-b' is priced in GBP, not in EUR", rejected.Reason);
    }

    [Fact]
    public void An_order_in_no_currency_code_is_rejected() =>
        Assert.Equal("currency 'eur' is not " + CurrencyCode.Rule,
            Assert.IsType<OrderRejected>(Decide(Order(new OrderLine("sku-a", 1)) with { Currency = "eur" }, Prices)).Reason);
}
