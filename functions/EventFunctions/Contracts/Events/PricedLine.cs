namespace EventFunctions.Contracts.Events;

public sealed record PricedLine(string Sku, int Quantity, decimal UnitPrice)
{
    public decimal LineTotal => Quantity * UnitPrice;
}
