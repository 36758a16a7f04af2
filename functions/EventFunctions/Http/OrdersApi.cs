using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using Confluent.Kafka;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.Failures;
using EventFunctions.Lineage;
using EventFunctions.Messaging;
using EventFunctions.Storage;
using EventFunctions.Telemetry;
using EventFunctions.Views;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EventFunctions.Http;

/// <summary>
/// The HTTP API, written once: both hosts route their requests here and return what it returns.
/// Errors are problem details (RFC 9457) naming the field at fault.
/// </summary>
public sealed class OrdersApi(
    IEventPublisher publisher, IOrderRequests requests, ProvenanceKeys keys, IOrderViews views, OrderViewWaiter waiter, TableInventory inventory,
    TimeProvider clock, Availability availability, ILogger<OrdersApi> logger)
{
    public const string Emitter = OrderPlacement.Writer;

    /// <summary>
    /// How long a POST waits for Kafka to acknowledge its order. Past it the client is told to come back (503,
    /// Retry-After) rather than held for the producer's whole message timeout: the order may still reach Kafka, and a
    /// retry of the same request is the same order.
    /// </summary>
    public static readonly TimeSpan IntakeDeadline = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a POST waits for Table Storage to claim its order id. Past it, or when storage refuses, the order is
    /// accepted with its claim deferred to ValidateOrder (<see cref="OrderPlacement"/>): intake needs Kafka, not
    /// storage. Long enough that a busy but healthy storage answers, so that deferring stays the exception.
    /// </summary>
    public static readonly TimeSpan ClaimPatience = TimeSpan.FromSeconds(2);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    public Task<IResult> PlaceOrderAsync(HttpRequest http, CancellationToken cancellationToken) =>
        availability.GuardAsync(() => PlaceAsync(http, cancellationToken));

    private async Task<IResult> PlaceAsync(HttpRequest http, CancellationToken cancellationToken)
    {
        var (request, problem) = await RequestBody.ReadAsync<PlaceOrderRequest>(http, PlaceOrderRequest.Shape, logger, cancellationToken);
        if (problem is not null) return problem;
        var errors = RequestValidation.Check(request!);
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "The order is not valid.");

        var orderId = request!.OrderId ?? Guid.NewGuid().ToString("N");
        var order = RequestValidation.ToEvent(request, orderId);
        var fingerprint = OrderFingerprint.Of(order);
        // The order id is an idempotency key: the first content claims it; the same content again is the same order.
        var (held, unclaimed) = await TryClaimAsync(orderId, fingerprint, cancellationToken);
        if (held is not null && held.Fingerprint != fingerprint)
            return Results.Problem($"orderId '{orderId}' was already used with different content; use a new orderId for a new order.",
                statusCode: StatusCodes.Status409Conflict, title: "orderId already used with different content.");

        // A request accepted before with its claim deferred is re-published as that placement: the same event again.
        var deferred = unclaimed is not null || held!.Deferred;
        var placementId = deferred ? OrderPlacement.DeferredId(orderId, fingerprint) : OrderPlacement.ClaimedId(orderId);
        var placed = new EventEnvelope(placementId, Provenance.SourceOf(Emitter), clock.GetUtcNow(), null, order);
        // 202 only once Kafka has acknowledged the event: from here on the order cannot be lost. A retry of the same
        // request re-publishes the same event (same id), which the pipeline takes once.
        // The order's trace starts with this request: every event of the order carries it on (TraceHeaders).
        // Signed as the topic's writer: ValidateOrder trusts it without reading the claim back.
        var record = (await keys.GetAsync(cancellationToken)).Sign(EventCodec.Encode(placed, Activity.Current?.Context ?? TraceHeaders.NewRoot()), Emitter);
        try
        {
            await publisher.PublishAsync([record], cancellationToken).WaitAsync(IntakeDeadline, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new KafkaException(new Error(ErrorCode.Local_MsgTimedOut,
                $"no acknowledgement of order {orderId} within {IntakeDeadline.TotalSeconds:0} s; it may still arrive, and the same request again is the same order"));
        }
        if (!deferred) return Results.Accepted($"/api/orders/{orderId}", new { orderId });
        // The client follows its own placement: the order's, if it took the id, or its rejection if another body did.
        var accepted = Results.Accepted($"/api/orders/{orderId}?placement={placementId}", new { orderId, placementId, claim = "deferred" });
        if (unclaimed is null) return accepted;
        logger.LogWarning("Order {OrderId} accepted with its claim deferred to ValidateOrder: {Reason}", orderId, unclaimed.Reason);
        return availability.ServedDespite(unclaimed, accepted);
    }

    /// <summary>
    /// The claim of <paramref name="orderId"/>: the fingerprint it holds, or, when storage does not answer within
    /// <see cref="ClaimPatience"/> or fails in a way a later attempt may not, the failure. Storage that hangs rather
    /// than refuses would otherwise hold the client through every retry of the SDK (minutes).
    /// </summary>
    private async Task<(OrderClaim? Held, Failure? Unclaimed)> TryClaimAsync(string orderId, string fingerprint, CancellationToken cancellationToken)
    {
        // Giving up cancels the claim, so that one not yet sent is not sent: ValidateOrder claims for the order instead.
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(ClaimPatience);
        try
        {
            return (await requests.ClaimAsync(orderId, new OrderClaim(fingerprint, Deferred: false), patience.Token), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, Failure.Transient(FailureClassifier.Storage, $"no answer to the claim of order {orderId} within {ClaimPatience.TotalSeconds:0} s"));
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && FailureClassifier.Classify(e) is { Kind: FailureKind.Transient } failure)
        {
            return (null, failure with { Source = FailureClassifier.Storage });
        }
    }

    /// <summary>
    /// The order's view, or a long poll in place of a polling loop: with <c>afterVersion=N</c> it waits until the
    /// view's version passes N, with <c>waitFor=final</c> until it is complete, its status final and every event that
    /// led there in it (both: until both hold), at most <c>waitSeconds</c> (default 30, at most 60), and answers with
    /// whatever the view is then.
    /// </summary>
    public Task<IResult> GetOrderAsync(string orderId, IQueryCollection query, CancellationToken cancellationToken) =>
        availability.GuardAsync(() => GetAsync(orderId, query, cancellationToken));

    private async Task<IResult> GetAsync(string orderId, IQueryCollection query, CancellationToken cancellationToken)
    {
        if (InvalidId("orderId", orderId) is { } invalid) return invalid;
        var (wait, errors) = OrderQuery.Read(query);
        if (wait is null) return Results.ValidationProblem(errors, title: "The query is not valid.");
        var view = wait.Waits
            ? await waiter.WaitAsync(orderId, wait.Placement, wait.AfterVersion, wait.UntilComplete, wait.Wait, cancellationToken)
            : wait.Placement is { } placement
                ? await views.GetPlacementAsync(orderId, placement, cancellationToken)
                : await views.GetAsync(orderId, cancellationToken);
        return view is null ? NotFound("order", orderId) : Results.Json(view, Json);
    }

    /// <summary>The order's events in creation order: which function emitted each, when, and how long each step took.</summary>
    public Task<IResult> GetOrderTimelineAsync(string orderId, CancellationToken cancellationToken) =>
        availability.GuardAsync(async () => InvalidId("orderId", orderId)
            ?? (await views.GetEventsAsync(orderId, cancellationToken) is { Count: > 0 } events
                ? Results.Json(OrderTimeline.Of(orderId, events), Json)
                : NotFound("order", orderId)));

    /// <summary>A customer's orders: only those the customer placed, whatever an index row claims (the view folds the first OrderPlaced).</summary>
    public Task<IResult> ListCustomerOrdersAsync(string customerId, CancellationToken cancellationToken) =>
        availability.GuardAsync(async () => InvalidId("customerId", customerId)
            ?? Results.Json((await views.ListByCustomerAsync(customerId, cancellationToken)).Where(v => v.CustomerId == customerId), Json));

    public Task<IResult> SetInventoryAsync(string sku, HttpRequest http, CancellationToken cancellationToken) =>
        availability.GuardAsync(() => SetAsync(sku, http, cancellationToken));

    private async Task<IResult> SetAsync(string sku, HttpRequest http, CancellationToken cancellationToken)
    {
        if (InvalidId("sku", sku) is { } invalid) return invalid;
        var (request, problem) = await RequestBody.ReadAsync<SetInventoryRequest>(http, SetInventoryRequest.Shape, logger, cancellationToken);
        if (problem is not null) return problem;
        var errors = RequestValidation.Check(request!);
        if (errors.Count > 0) return Results.ValidationProblem(errors, title: "The inventory item is not valid.");

        var item = await inventory.SetAsync(new InventoryItem(sku, request!.Quantity!.Value, request.UnitPrice!.Value, request.Currency ?? CurrencyCode.Default), cancellationToken);
        return Results.Json(item, Json);
    }

    public Task<IResult> GetInventoryAsync(string sku, CancellationToken cancellationToken) =>
        availability.GuardAsync(async () => InvalidId("sku", sku)
            ?? (await inventory.GetAsync(sku, cancellationToken) is { } item ? Results.Json(item, Json) : NotFound("sku", sku)));

    /// <summary>Ids in a route are checked as the bodies' are: a 400 naming the parameter, never a 404 for something that cannot exist.</summary>
    internal static IResult? InvalidId(string name, string value) => Identifiers.IsValid(value) ? null
        : Results.ValidationProblem(new Dictionary<string, string[]> { [name] = [$"'{Uri.UnescapeDataString(value)}' is not a valid {name}: {Identifiers.Rule}."] },
            title: "The route is not valid.");

    internal static IResult NotFound(string what, string id) =>
        Results.Problem($"No {what} '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
}
