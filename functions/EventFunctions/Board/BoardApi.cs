using Microsoft.AspNetCore.Http;

namespace EventFunctions.Board;

/// <summary>The board's HTTP routes (<see cref="Http.ApiRoutes.Board"/>): a snapshot, and the stream a page listens to.</summary>
public sealed class BoardApi(BoardStream board)
{
    public const string LastEventIdHeader = "Last-Event-ID";

    public IResult Snapshot() => Results.Json(board.Snapshot(), BoardStream.Json);

    /// <summary>Server-Sent Events, resumed after the <c>Last-Event-ID</c> a reconnecting browser sends.</summary>
    public IResult Stream(HttpRequest request, CancellationToken cancellationToken) =>
        TypedResults.ServerSentEvents(board.StreamAsync(request.Headers[LastEventIdHeader].FirstOrDefault(), cancellationToken));
}
