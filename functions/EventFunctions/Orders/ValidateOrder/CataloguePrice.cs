using EventFunctions.Contracts;

namespace EventFunctions.Orders.ValidateOrder;

/// <summary>A sku's unit price and the currency it is in: an order is priced only in its own currency.</summary>
public sealed record CataloguePrice(decimal UnitPrice, string Currency = CurrencyCode.Default);
