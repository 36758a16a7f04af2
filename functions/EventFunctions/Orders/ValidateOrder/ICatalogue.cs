namespace EventFunctions.Orders.ValidateOrder;

/// <summary>The catalogue's unit prices and their currencies.</summary>
public interface ICatalogue
{
    /// <summary>The unit price, with its currency, of each of <paramref name="skus"/> the catalogue lists; unknown skus are absent.</summary>
    Task<IReadOnlyDictionary<string, CataloguePrice>> GetPricesAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken);
}
