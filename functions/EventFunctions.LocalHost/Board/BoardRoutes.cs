using System.Reflection;
using EventFunctions.Http;
using EventFunctions.Operations.Board;

namespace EventFunctions.LocalHost.Board;

/// <summary>The order board: its page at <c>/</c> (with its style and script), and its data under <c>/api/board</c>.</summary>
public static class BoardRoutes
{
    private static readonly Dictionary<string, string> ContentTypes = new()
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
    };

    public static void MapOrderBoard(this WebApplication app)
    {
        app.MapGet("/", () => Page("board.html"));
        app.MapGet("/board.css", () => Page("board.css"));
        app.MapGet("/board.js", () => Page("board.js"));
        BoardApi.MapRoutes(app.MapGroup("/" + ApiRoutes.Prefix));
    }

    private static IResult Page(string name)
    {
        var content = Assembly.GetExecutingAssembly().GetManifestResourceStream("board/" + name)
            ?? throw new InvalidOperationException($"The board's {name} is not embedded in the local host.");
        return Results.Stream(content, ContentTypes[Path.GetExtension(name)]);
    }
}
