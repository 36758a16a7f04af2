namespace EventFunctions.ReadSide.DailySales;

/// <summary>The read side of the daily sales read model.</summary>
public interface IDailySales
{
    /// <summary>The sku's sales from <paramref name="from"/> to <paramref name="to"/>; throws <see cref="Versions.ReadModelNotBuiltException"/> while the model is first being built.</summary>
    Task<SkuSales> GetAsync(string sku, DateOnly from, DateOnly to, CancellationToken cancellationToken);
}
