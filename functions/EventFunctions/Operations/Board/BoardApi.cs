using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using EventFunctions.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace EventFunctions.Operations.Board;

/// <summary>The board's data (<see cref="Routes"/>): a snapshot, and the stream a page listens to. Only the local host serves it.</summary>
public sealed class BoardApi(BoardStream board, IHostApplicationLifetime lifetime)
{
    /// <summary>Its routes, under <see cref="ApiRoutes.Prefix"/> (docs/observability.md, "The order board").</summary>
    public static class Routes
    {
        public const string Snapshot = "board";
        public const string Stream = "board/stream";
    }

    /// <summary>Maps <see cref="Routes"/> onto this API.</summary>
    public static void MapRoutes(IEndpointRouteBuilder api)
    {
        api.MapGet(Routes.Snapshot, (BoardApi board) => board.Snapshot());
        api.MapGet(Routes.Stream, (HttpRequest request, BoardApi board, CancellationToken ct) => board.Stream(request, ct));
    }

    public const string LastEventIdHeader = "Last-Event-ID";

    public IResult Snapshot() => Results.Json(board.Snapshot(), BoardStream.Json);

    /// <summary>Server-Sent Events, resumed after the <c>Last-Event-ID</c> a reconnecting browser sends.</summary>
    public IResult Stream(HttpRequest request, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(UntilStoppingAsync(request.Headers[LastEventIdHeader].FirstOrDefault(), cancellationToken));

    /// <summary>
    /// The stream ends when the client goes or the host starts stopping: an open board would otherwise hold the
    /// shutdown until the server's grace period runs out. The browser reconnects to whichever host answers next.
    /// </summary>
    private async IAsyncEnumerable<SseItem<string>> UntilStoppingAsync(string? lastEventId, [EnumeratorCancellation] CancellationToken requestAborted)
    {
        using var until = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        await foreach (var item in board.StreamAsync(lastEventId, until.Token)) yield return item;
    }
}
