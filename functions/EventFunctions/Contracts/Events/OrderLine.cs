namespace EventFunctions.Contracts.Events;

public sealed record OrderLine(string Sku, int Quantity);
