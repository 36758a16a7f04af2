using EventFunctions.Http;

namespace EventFunctions.Orders.Intake;

/// <summary>Request bodies as clients send them: every field optional here, so validation can name what is missing.</summary>
public sealed record PlaceOrderRequest(string? OrderId, string? CustomerId, IReadOnlyList<OrderLineRequest?>? Lines, string? PaymentToken, string? Currency = null)
{
    public static readonly JsonShape Shape = JsonShape.Object(
        ("orderId", JsonShape.Text),
        ("customerId", JsonShape.Text),
        ("lines", JsonShape.List(JsonShape.Object(("sku", JsonShape.Text), ("quantity", JsonShape.WholeNumber)))),
        ("paymentToken", JsonShape.Text),
        ("currency", JsonShape.Text));
}

public sealed record OrderLineRequest(string? Sku, int? Quantity);

public sealed record SetInventoryRequest(int? Quantity, decimal? UnitPrice, string? Currency = null)
{
    public static readonly JsonShape Shape = JsonShape.Object(("quantity", JsonShape.WholeNumber), ("unitPrice", JsonShape.Number), ("currency", JsonShape.Text));
}
