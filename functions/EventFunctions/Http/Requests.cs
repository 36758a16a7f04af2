namespace EventFunctions.Http;

/// <summary>Request bodies as clients send them: every field optional here, so validation can name what is missing.</summary>
public sealed record PlaceOrderRequest(string? OrderId, string? CustomerId, IReadOnlyList<OrderLineRequest?>? Lines, string? PaymentToken);

public sealed record OrderLineRequest(string? Sku, int? Quantity);

public sealed record SetInventoryRequest(int? Quantity, decimal? UnitPrice);
