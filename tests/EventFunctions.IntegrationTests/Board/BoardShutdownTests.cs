using System.Net.ServerSentEvents;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.LocalHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EventFunctions.IntegrationTests.Board;

/// <summary>An open board must not hold a host that is stopping: its stream ends as the stop begins.</summary>
public class BoardShutdownTests
{
    /// <summary>Well inside the server's grace period for open requests (30 s), past which any stream would be cut anyway.</summary>
    private static readonly TimeSpan StreamEndsWithin = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_hosts_stop_ends_the_open_board_streams_instead_of_waiting_for_them()
    {
        await AzuriteProbe.EnsureReachableAsync();
        await using var pipeline = await LocalPipeline.StartAsync([],
            new LocalPipelineOptions { Urls = "http://127.0.0.1:0", TablePrefix = TestIds.TablePrefix("stop") });
        using var http = new HttpClient { BaseAddress = pipeline.BaseAddress };
        using var response = await http.GetAsync("/api/board/stream", HttpCompletionOption.ResponseHeadersRead);
        await using var events = SseParser.Create(await response.Content.ReadAsStreamAsync()).EnumerateAsync().GetAsyncEnumerator();
        Assert.True(await events.MoveNextAsync());
        Assert.Equal("snapshot", events.Current.EventType);

        pipeline.Services.GetRequiredService<IHostApplicationLifetime>().StopApplication();

        // Summaries come every second until the stream ends; then the body ends.
        var ended = Task.Run(async () =>
        {
            while (await events.MoveNextAsync()) { }
        });
        await ended.WaitAsync(StreamEndsWithin);
    }
}
