using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Orders.ValidateOrder;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.TestKit;

namespace EventFunctions.IntegrationTests.Pipeline;

/// <summary>Each order path, end to end through Kafka and Table Storage, to its final status.</summary>
[Collection(PipelineCollection.Name)]
[Trait("Category", "Integration")]
public sealed class OrderFlowTests(PipelineFixture pipeline)
{
    private static string NewId(string prefix) => TestIds.Order(prefix);

    [Fact]
    public async Task An_order_in_stock_and_paid_is_confirmed()
    {
        var (pen, ink) = (NewId("pen"), NewId("ink"));
        await pipeline.StockAsync(pen, 10, 2.50m);
        await pipeline.StockAsync(ink, 5, 4.00m);

        var orderId = await pipeline.PlaceAsync(NewId("order"), "alice", "tok_visa", (pen, 2), (ink, 1));
        var view = await pipeline.FinalViewAsync(orderId);

        Assert.Equal(OrderStatus.Confirmed, view.Status);
        Assert.Equal(9.00m, view.Total);
        Assert.Equal("alice", view.CustomerId);
        Assert.Equal([(pen, 2, 2.50m), (ink, 1, 4.00m)], view.Lines.Select(l => (l.Sku, l.Quantity, l.UnitPrice!.Value)));
        Assert.Equal(8, await pipeline.AvailableAsync(pen));
        Assert.Equal(4, await pipeline.AvailableAsync(ink));
        var charge = Assert.Single(await pipeline.LedgerAsync(orderId));
        Assert.Equal("captured", charge.GetString("Status"));
    }

    [Fact]
    public async Task An_order_for_an_unknown_sku_is_rejected_and_never_charged()
    {
        var orderId = await pipeline.PlaceAsync(NewId("order"), "bob", "tok_visa", (NewId("ghost"), 1));
        var view = await pipeline.FinalViewAsync(orderId);

        Assert.Equal(OrderStatus.Rejected, view.Status);
        Assert.StartsWith("unknown sku", view.Reason);
        Assert.Empty(await pipeline.LedgerAsync(orderId));
    }

    [Fact]
    public async Task A_declined_card_ends_the_order_without_taking_stock()
    {
        var sku = NewId("mug");
        await pipeline.StockAsync(sku, 3, 7m);

        var orderId = await pipeline.PlaceAsync(NewId("order"), "carol", "tok_chargeDeclined", (sku, 1));
        var view = await pipeline.FinalViewAsync(orderId);

        Assert.Equal(OrderStatus.PaymentDeclined, view.Status);
        Assert.Equal("card_declined", view.Reason);
        Assert.Equal(3, await pipeline.AvailableAsync(sku));
    }

    [Fact]
    public async Task Stock_that_runs_out_after_payment_cancels_the_order_with_one_charge_and_one_refund()
    {
        var (plenty, scarce) = (NewId("bag"), NewId("hat"));
        await pipeline.StockAsync(plenty, 10, 1m);
        await pipeline.StockAsync(scarce, 1, 1m);

        var orderId = await pipeline.PlaceAsync(NewId("order"), "dave", "tok_visa", (plenty, 2), (scarce, 2));
        var view = await pipeline.FinalViewAsync(orderId);

        Assert.Equal(OrderStatus.Cancelled, view.Status);
        Assert.Contains(scarce, view.Reason);
        var ledger = await pipeline.LedgerAsync(orderId);
        Assert.Equal(2, ledger.Count);
        Assert.Single(ledger, r => r.RowKey.EndsWith("|charge") && r.GetString("Status") == "captured");
        var refund = Assert.Single(ledger, r => r.RowKey.EndsWith("|refund"));
        Assert.Equal(ledger.Single(r => r.RowKey.EndsWith("|charge")).GetString("PaymentId"), refund.GetString("PaymentId"));
        // All or nothing: the sku that was in stock is not held for a cancelled order.
        Assert.Equal(10, await pipeline.AvailableAsync(plenty));
        Assert.Equal(1, await pipeline.AvailableAsync(scarce));
    }

    [Fact]
    public async Task The_same_order_id_posted_twice_makes_one_order()
    {
        var sku = NewId("cup");
        await pipeline.StockAsync(sku, 10, 3m);
        var orderId = NewId("order");

        await pipeline.PlaceAsync(orderId, "erin", "tok_visa", (sku, 1));
        await pipeline.PlaceAsync(orderId, "erin", "tok_visa", (sku, 1));
        var view = await pipeline.FinalViewAsync(orderId);

        Assert.Equal(OrderStatus.Confirmed, view.Status);
        Assert.Equal(9, await pipeline.AvailableAsync(sku));
        Assert.Single(await pipeline.LedgerAsync(orderId));
        var listed = await pipeline.Http.GetFromJsonAsync<List<OrderView>>("/api/customers/erin/orders", Orders.Intake.OrdersApi.Json);
        Assert.Single(listed!, v => v.OrderId == orderId);
    }

    [Fact]
    public async Task A_bad_body_is_answered_with_problem_details_naming_the_field()
    {
        var response = await pipeline.Http.PostAsJsonAsync("/api/orders", new { customerId = "frank", lines = new[] { new { sku = "x", quantity = 0 } } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("lines[0].quantity", out _));
        Assert.True(errors.TryGetProperty("paymentToken", out _));
    }

    [Fact]
    public async Task An_unknown_order_is_not_found()
    {
        var response = await pipeline.Http.GetAsync($"/api/orders/{NewId("nobody")}");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task An_order_larger_than_the_stock_is_cancelled_and_refunded()
    {
        var sku = NewId("pad");
        await pipeline.StockAsync(sku, 10, 1m);
        var orderId = await pipeline.PlaceAsync(NewId("order"), "gina", "tok_visa", (sku, OrderValidation.MaxQuantity));
        // Valid for the API and for ValidateOrder; only ReserveStock finds it short.
        var view = await pipeline.FinalViewAsync(orderId);
        Assert.Equal(OrderStatus.Cancelled, view.Status);
        Assert.Equal(2, (await pipeline.LedgerAsync(orderId)).Count);
        Assert.Equal(10, await pipeline.AvailableAsync(sku));
    }
}
