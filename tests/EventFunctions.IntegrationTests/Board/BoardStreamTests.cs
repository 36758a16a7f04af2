using System.Net;
using System.Net.ServerSentEvents;
using System.Text.Json;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Operations.Board;
using EventFunctions.Operations.Live;
using EventFunctions.ReadSide.OrderViews;

namespace EventFunctions.IntegrationTests.Board;

/// <summary>The board's Server-Sent Events, read as a browser's EventSource reads them.</summary>
[Collection(PipelineCollection.Name)]
public class BoardStreamTests(PipelineFixture pipeline)
{
    private static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    /// <summary>An open stream: its events as they come, parsed by the runtime's own SSE parser.</summary>
    private sealed class Stream(HttpResponseMessage response, IAsyncEnumerator<SseItem<string>> events) : IAsyncDisposable
    {
        public static async Task<Stream> OpenAsync(HttpClient http, string? lastEventId = null)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/api/board/stream");
            if (lastEventId is not null) request.Headers.Add(BoardApi.LastEventIdHeader, lastEventId);
            var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStreamAsync();
            return new Stream(response, SseParser.Create(body).EnumerateAsync().GetAsyncEnumerator());
        }

        /// <summary>The types of the events read so far.</summary>
        public List<string> Types { get; } = [];

        public async Task<SseItem<string>> NextAsync(CancellationToken deadline = default)
        {
            try
            {
                Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(PipelineFixture.Patience, deadline), "the stream ended");
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"No awaited event within {PipelineFixture.Patience}.");
            }
            Types.Add(events.Current.EventType);
            return events.Current;
        }

        /// <summary>
        /// Reads events (summaries keep coming every second) until an <c>orders</c> event shows the order as
        /// <paramref name="until"/> wants it, at most <see cref="PipelineFixture.Patience"/>; returns that event and
        /// every state of the order seen on the way, that one included.
        /// </summary>
        public async Task<(SseItem<string> Item, List<LiveOrder> Seen)> UntilAsync(string orderId, Func<LiveOrder, bool> until)
        {
            using var deadline = new CancellationTokenSource(PipelineFixture.Patience);
            var seen = new List<LiveOrder>();
            while (true)
            {
                var item = await NextAsync(deadline.Token);
                if (item.EventType != "orders" || Orders(item).SingleOrDefault(o => o.OrderId == orderId) is not { } order) continue;
                seen.Add(order);
                if (until(order)) return (item, seen);
            }
        }

        public async ValueTask DisposeAsync()
        {
            await events.DisposeAsync();
            response.Dispose();
        }
    }

    private static IReadOnlyList<LiveOrder> Orders(SseItem<string> item) => JsonSerializer.Deserialize<List<LiveOrder>>(item.Data, BoardStream.Json)!;

    [Fact]
    public async Task A_stream_opens_with_a_snapshot_then_pushes_an_order_through_its_statuses_as_the_projection_commits()
    {
        var sku = NewId("board");
        await pipeline.StockAsync(sku, 10, 2m);
        await using var stream = await Stream.OpenAsync(pipeline.Http);

        var snapshot = await stream.NextAsync();
        Assert.Equal("snapshot", snapshot.EventType);
        Assert.False(string.IsNullOrEmpty(snapshot.EventId));

        var orderId = await pipeline.PlaceAsync(NewId("order"), "bo", "tok_visa", (sku, 2));
        // However the changes were gathered into events, each shows the order further on, never back.
        var (_, seen) = await stream.UntilAsync(orderId, o => o.Status == OrderStatus.Confirmed && o.IsComplete);

        var order = seen[^1];
        Assert.Equal("bo", order.CustomerId);
        Assert.Equal(4m, order.Total);
        Assert.NotNull(order.LatencySeconds);
        Assert.Equal(["http-api", "validate-order", "process-payment", "reserve-stock"], order.Steps.Select(s => s.Emitter));
        Assert.Equal(seen.Select(o => o.Steps.Count).Order(), seen.Select(o => o.Steps.Count));
    }

    [Fact]
    public async Task A_stream_resumed_with_Last_Event_ID_gets_the_changes_it_missed_without_a_snapshot()
    {
        var sku = NewId("resume");
        await pipeline.StockAsync(sku, 10, 1m);
        string lastSeen;
        await using (var stream = await Stream.OpenAsync(pipeline.Http))
        {
            var first = await pipeline.PlaceAsync(NewId("order"), "bo", "tok_visa", (sku, 1));
            lastSeen = (await stream.UntilAsync(first, o => o.IsComplete)).Item.EventId!;
        }

        // Missed while disconnected.
        var missed = await pipeline.PlaceAsync(NewId("order"), "bo", "tok_chargeDeclined", (sku, 1));
        await pipeline.FinalViewAsync(missed);

        await using var resumed = await Stream.OpenAsync(pipeline.Http, lastSeen);
        var (_, seen) = await resumed.UntilAsync(missed, o => o.Status == OrderStatus.PaymentDeclined && o.IsComplete);

        // Resumed, not restarted: no snapshot came first, and the missed order's first state on the stream is where it was
        // when the stream went away (not yet on the board), or further on.
        Assert.DoesNotContain("snapshot", resumed.Types);
        Assert.NotEmpty(seen);
    }

    [Fact]
    public async Task A_stream_resumed_with_an_id_this_board_did_not_give_starts_over_from_a_snapshot()
    {
        await using var stream = await Stream.OpenAsync(pipeline.Http, "another-instance:42");

        Assert.Equal("snapshot", (await stream.NextAsync()).EventType);
    }

    [Fact]
    public async Task The_board_page_and_its_assets_are_served_at_the_root()
    {
        foreach (var (path, type) in new[] { ("/", "text/html"), ("/board.js", "text/javascript"), ("/board.css", "text/css") })
        {
            var response = await pipeline.Http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(type, response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Contains("/api/board/stream", await pipeline.Http.GetStringAsync("/board.js"));
    }
}
