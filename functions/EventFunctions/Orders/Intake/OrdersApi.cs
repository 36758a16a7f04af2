using System.Diagnostics;
using System.Text.Json;
using Confluent.Kafka;
using EventFunctions.Contracts;
using EventFunctions.Http;
using EventFunctions.Messaging;
using EventFunctions.Processing.Lineage;
using EventFunctions.Processing.Retries;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace EventFunctions.Orders.Intake;

/// <summary>
/// Order intake over HTTP, written once: both hosts route <c>POST orders</c> here and return what it returns. Errors
/// are problem details (RFC 9457) naming the field at fault. Reading orders back is the read side's
/// (<c>ReadSide/OrderViews/OrderViewsApi</c>), stock levels the inventory's (<c>Orders/Inventory/InventoryApi</c>).
/// </summary>
public sealed class OrdersApi(
    IEventPublisher publisher, IOrderRequests requests, ProvenanceKeys keys, TimeProvider clock, TransientFaultGuard guard, ILogger<OrdersApi> logger)
{
    /// <summary>Its routes, under <see cref="ApiRoutes.Prefix"/>; the Functions app's triggers name them too.</summary>
    public static class Routes
    {
        public const string Orders = "orders";
    }

    /// <summary>Maps <see cref="Routes"/> onto this API, as the local host serves it.</summary>
    public static void MapRoutes(IEndpointRouteBuilder api) =>
        api.MapPost(Routes.Orders, (HttpRequest request, OrdersApi orders, CancellationToken ct) => orders.PlaceOrderAsync(request, ct));

    /// <summary>The writer of the orders topic, as health names the API (<see cref="TransientFaultGuard.ApiName"/>).</summary>
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

    /// <summary>The API's JSON (<see cref="ApiJson.Options"/>), by the name clients of the orders API have read it with.</summary>
    public static readonly JsonSerializerOptions Json = ApiJson.Options;

    public Task<IResult> PlaceOrderAsync(HttpRequest http, CancellationToken cancellationToken) =>
        guard.GuardAsync(() => PlaceAsync(http, cancellationToken));

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
        return guard.ServedDespite(unclaimed, accepted);
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
}
