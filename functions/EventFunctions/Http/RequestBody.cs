using System.Buffers;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EventFunctions.Http;

/// <summary>
/// Reads a JSON request body, or says in problem details what is wrong with it: a media type that is not JSON (415),
/// a body over <see cref="ApiLimits.MaxBodyBytes"/> (413), a client too slow to send it (408), bytes that are not UTF-8
/// or JSON that does not parse (400, with where), a body of the wrong shape (400, naming each field). A client's mistake is logged as such, at
/// information level, never as a server failure.
/// </summary>
public static class RequestBody
{
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest http, JsonShape shape, ILogger logger, CancellationToken cancellationToken) where T : class
    {
        if (!IsJson(http.ContentType))
            return (null, Problem(StatusCodes.Status415UnsupportedMediaType, "The body must be JSON.",
                $"Send the body as JSON with Content-Type: application/json{(http.ContentType is { } given ? $", not '{given}'" : "")}."));
        if (http.ContentLength > ApiLimits.MaxBodyBytes) return (null, TooLarge());

        byte[] bytes;
        try
        {
            bytes = await ReadAtMostAsync(http.Body, ApiLimits.MaxBodyBytes + 1, cancellationToken);
        }
        catch (BadHttpRequestException e)
        {
            // The server's own limits (body size, minimum data rate): the client's doing, not a failure of ours.
            logger.LogInformation("Request body refused: {Status} {Reason}", e.StatusCode, e.Message);
            return (null, Problem(e.StatusCode, "The request body could not be read.", e.Message));
        }
        if (bytes.Length > ApiLimits.MaxBodyBytes) return (null, TooLarge());
        // JSON on the wire is UTF-8 (RFC 8259). The parser checks the structure but leaves text undecoded until it is
        // read, where bytes that are not UTF-8 would throw as a server failure: refuse them here, saying where.
        if (FirstInvalidUtf8Byte(bytes) is { } offset)
            return (null, Problem(StatusCodes.Status400BadRequest, "The body is not valid UTF-8.",
                $"JSON must be sent as UTF-8; the byte at offset {offset} (0x{bytes[offset]:X2}) does not belong to a UTF-8 character."));

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes);
        }
        catch (JsonException e)
        {
            return (null, Problem(StatusCodes.Status400BadRequest, "The body is not valid JSON.",
                $"The body is not valid JSON at line {e.LineNumber + 1}, position {e.BytePositionInLine + 1}."));
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
                return (null, Problem(StatusCodes.Status400BadRequest, "The body must be a JSON object.", "The body must be a JSON object, not " + Kind(document.RootElement) + "."));
            var errors = shape.Check(document.RootElement);
            if (errors.Count > 0) return (null, Results.ValidationProblem(errors, title: "The body does not have the fields this request takes."));
            return (document.RootElement.Deserialize<T>(ApiJson.Options), null);
        }
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType is { } type
        && (type.Equals("application/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase));

    private static async Task<byte[]> ReadAtMostAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while (buffer.Length < limit && (read = await body.ReadAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, limit - buffer.Length)), cancellationToken)) > 0)
            buffer.Write(chunk, 0, read);
        return buffer.ToArray();
    }

    private static int? FirstInvalidUtf8Byte(byte[] bytes)
    {
        var status = Utf8.ToUtf16(bytes, new char[bytes.Length], out var read, out _, replaceInvalidSequences: false);
        return status == OperationStatus.InvalidData ? read : null;
    }

    private static IResult TooLarge() => Problem(StatusCodes.Status413PayloadTooLarge, "The body is too large.",
        $"A request body may hold at most {ApiLimits.MaxBodyBytes} bytes.");

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "a list",
        JsonValueKind.String => "text",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        _ => "true or false",
    };

    public static IResult Problem(int status, string title, string detail) => Results.Problem(detail, statusCode: status, title: title);
}
