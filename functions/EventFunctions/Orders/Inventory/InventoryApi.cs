using EventFunctions.Contracts;
using EventFunctions.Http;
using EventFunctions.Orders.Intake;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace EventFunctions.Orders.Inventory;

/// <summary>Stock levels and prices over HTTP, the same under both hosts: what validation prices orders with and reservation takes from.</summary>
public sealed class InventoryApi(TableInventory inventory, TransientFaultGuard guard, ILogger<InventoryApi> logger)
{
    /// <summary>Its routes, under <see cref="ApiRoutes.Prefix"/>; the Functions app's triggers name them too.</summary>
    public static class Routes
    {
        public const string Item = "inventory/{sku}";
    }

    /// <summary>Maps <see cref="Routes"/> onto this API, as the local host serves it.</summary>
    public static void MapRoutes(IEndpointRouteBuilder api)
    {
        api.MapPut(Routes.Item,
            (string sku, HttpRequest request, InventoryApi inventory, CancellationToken ct) => inventory.SetInventoryAsync(sku, request, ct));
        api.MapGet(Routes.Item, (string sku, InventoryApi inventory, CancellationToken ct) => inventory.GetInventoryAsync(sku, ct));
    }

    public Task<IResult> SetInventoryAsync(string sku, HttpRequest http, CancellationToken cancellationToken) =>
        guard.GuardAsync(() => SetAsync(sku, http, cancellationToken));

    private async Task<IResult> SetAsync(string sku, HttpRequest http, CancellationToken cancellationToken)
    {
        if (ApiResults.InvalidId("sku", sku) is { } invalid) return invalid;
        var (request, problem) = await RequestBody.ReadAsync<SetInventoryRequest>(http, SetInventoryRequest.Shape, logger, cancellationToken);
        if (problem is not null) return problem;
        var errors = RequestValidation.Check(request!);
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "The inventory item is not valid.");

        var item = await inventory.SetAsync(new InventoryItem(sku, request!.Quantity!.Value, request.UnitPrice!.Value, request.Currency ?? CurrencyCode.Default), cancellationToken);
        return Results.Json(item, ApiJson.Options);
    }

    public Task<IResult> GetInventoryAsync(string sku, CancellationToken cancellationToken) =>
        guard.GuardAsync(async () => ApiResults.InvalidId("sku", sku)
            ?? (await inventory.GetAsync(sku, cancellationToken) is { } item ? Results.Json(item, ApiJson.Options) : ApiResults.NotFound("sku", sku)));
}
