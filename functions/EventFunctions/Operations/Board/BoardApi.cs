using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;

namespace EventFunctions.Operations.Board;

/// <summary>The board's HTTP routes (<see cref="Http.ApiRoutes.Board"/>): a snapshot, and the stream a page listens to.</summary>
public sealed class BoardApi(BoardStream board, IHostApplicationLifetime lifetime)
{
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
