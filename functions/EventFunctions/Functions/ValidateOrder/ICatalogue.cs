namespace EventFunctions.Functions.ValidateOrder;

/// <summary>The catalogue's unit prices.</summary>
public interface ICatalogue
{
    /// <summary>The unit price of each of <paramref name="skus"/> the catalogue lists; unknown skus are absent.</summary>
    Task<IReadOnlyDictionary<string, decimal>> GetPricesAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken);
}
