using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EventFunctions.TestKit;

/// <summary>
/// An HTTP listener on a free local port that keeps every body posted to it, by path, gzip undone: where a test points
/// an exporter (an OTLP collector, an Application Insights ingestion endpoint) to see what it sends.
/// </summary>
public sealed class RecordingEndpoint : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Path, string Body)> received = new();
    private readonly WebApplication app;

    private RecordingEndpoint(WebApplication app) => this.app = app;

    public Uri Address => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Starts it; <paramref name="answer"/> is what every post gets back (an empty 200 by default).</summary>
    public static async Task<RecordingEndpoint> StartAsync(Func<IResult>? answer = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var endpoint = new RecordingEndpoint(app);
        app.MapPost("/{**path}", async (HttpRequest request) =>
        {
            var body = request.Headers.ContentEncoding == "gzip" ? new GZipStream(request.Body, CompressionMode.Decompress) : request.Body;
            using var content = new MemoryStream();
            await body.CopyToAsync(content);
            endpoint.received.Enqueue((request.Path, Encoding.UTF8.GetString(content.ToArray())));
            return answer?.Invoke() ?? Results.Ok();
        });
        await app.StartAsync();
        return endpoint;
    }

    /// <summary>Whether a body posted to <paramref name="path"/> contains every one of <paramref name="texts"/>.</summary>
    public bool Received(string path, params string[] texts) =>
        received.Any(r => r.Path == path && texts.All(t => r.Body.Contains(t, StringComparison.Ordinal)));

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
