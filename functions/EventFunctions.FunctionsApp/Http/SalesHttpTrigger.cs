using EventFunctions.ReadSide.DailySales;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.FunctionsApp.Http;

/// <summary>The daily sales read model (<see cref="SalesApi"/>), with a function key like the order routes.</summary>
public sealed class SalesHttpTrigger(SalesApi sales)
{
    [Function("GetSkuSales")]
    public Task<IResult> GetSkuSales(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = SalesApi.Routes.SkuSales)] HttpRequest request,
        string sku,
        CancellationToken cancellationToken) =>
        sales.GetAsync(sku, request.Query, cancellationToken);
}
