using EventFunctions.Operations;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.FunctionsApp.Http;

/// <summary>
/// The operators' routes (<see cref="OperationsApi"/>) on the Functions host. They read and put back dead letters, so in
/// Azure they ask for the admin (master) key, not a function key.
/// </summary>
public sealed class OperationsHttpTriggers(OperationsApi operations)
{
    [Function("ListDeadLetters")]
    public Task<IResult> ListDeadLetters(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = OperationsApi.Routes.DeadLetters)] HttpRequest request,
        CancellationToken cancellationToken) =>
        operations.ListDeadLettersAsync(request.Query, cancellationToken);

    [Function("RedriveDeadLetters")]
    public Task<IResult> RedriveDeadLetters(
        [HttpTrigger(AuthorizationLevel.Admin, "post", Route = OperationsApi.Routes.RedriveDeadLetters)] HttpRequest request,
        CancellationToken cancellationToken) =>
        operations.RedriveDeadLettersAsync(request, cancellationToken);

    [Function("ListOverdueOrders")]
    public Task<IResult> ListOverdueOrders(
        [HttpTrigger(AuthorizationLevel.Admin, "get", Route = OperationsApi.Routes.OverdueOrders)] HttpRequest request,
        CancellationToken cancellationToken) =>
        operations.ListOverdueOrdersAsync(cancellationToken);
}
