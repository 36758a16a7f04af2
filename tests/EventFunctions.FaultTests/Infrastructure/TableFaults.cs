using System.Collections.Concurrent;
using System.Text;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace EventFunctions.FaultTests.Infrastructure;

/// <summary>
/// Faults injected into the Table client's HTTP pipeline, in front of a real Azurite: as its transport, it answers a
/// matching request with the fault's status and error code, as the service would answer it, and sends everything else
/// on. The whole pipeline above it, the SDK's own retries included, meets the fault as it would meet the service's answer.
/// </summary>
public sealed class TableFaults : HttpPipelineTransport
{
    private readonly HttpClientTransport network = new();
    private readonly ConcurrentDictionary<TableFault, byte> active = new();

    /// <summary>Answers every request <paramref name="applies"/> selects with <paramref name="status"/> until the returned handle is disposed.</summary>
    public TableFault Inject(int status, string errorCode, Func<TableRequest, bool> applies)
    {
        var fault = new TableFault(this, status, errorCode, applies);
        active[fault] = 0;
        return fault;
    }

    internal void Remove(TableFault fault) => active.TryRemove(fault, out _);

    public override Request CreateRequest() => network.CreateRequest();

    public override void Process(HttpMessage message)
    {
        if (!TryFail(message)) network.Process(message);
    }

    public override ValueTask ProcessAsync(HttpMessage message) =>
        TryFail(message) ? ValueTask.CompletedTask : network.ProcessAsync(message);

    private bool TryFail(HttpMessage message)
    {
        if (active.IsEmpty) return false;
        var request = new TableRequest(message.Request.Method.ToString(), message.Request.Uri.ToUri(), BodyOf(message.Request));
        var fault = active.Keys.FirstOrDefault(f => f.Applies(request));
        if (fault is null) return false;
        fault.Hit();
        message.Response = new FaultResponse(fault.Status, fault.ErrorCode, message.Request.ClientRequestId);
        return true;
    }

    private static string BodyOf(Request request)
    {
        if (request.Content is null) return "";
        using var body = new MemoryStream();
        request.Content.WriteTo(body, CancellationToken.None);
        return Encoding.UTF8.GetString(body.ToArray());
    }

    /// <summary>What the service would send: the status, <c>x-ms-error-code</c>, and an OData error body.</summary>
    private sealed class FaultResponse(int status, string errorCode, string clientRequestId) : Response
    {
        private readonly Dictionary<string, string> headers = new(StringComparer.OrdinalIgnoreCase)
        {
            ["x-ms-error-code"] = errorCode,
            ["Content-Type"] = "application/json;odata=minimalmetadata;charset=utf-8",
        };

        public override int Status => status;

        public override string ReasonPhrase => errorCode;

        public override Stream? ContentStream { get; set; } = new MemoryStream(Encoding.UTF8.GetBytes(
            "{\"odata.error\":{\"code\":\"" + errorCode + "\",\"message\":{\"lang\":\"en-US\",\"value\":\"Injected by the fault suite: " + errorCode + "\"}}}"));

        public override string ClientRequestId { get; set; } = clientRequestId;

        public override void Dispose() => ContentStream?.Dispose();

        protected override bool ContainsHeader(string name) => headers.ContainsKey(name);

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => headers.Select(h => new HttpHeader(h.Key, h.Value));

        protected override bool TryGetHeader(string name, out string value) => headers.TryGetValue(name, out value!);

        protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
        {
            var found = headers.TryGetValue(name, out var value);
            values = found ? [value!] : [];
            return found;
        }
    }
}

/// <summary>An injected fault: dispose it to end it.</summary>
public sealed class TableFault(TableFaults owner, int status, string errorCode, Func<TableRequest, bool> applies) : IDisposable
{
    private int hits;

    public int Status => status;

    public string ErrorCode => errorCode;

    /// <summary>How many requests it answered.</summary>
    public int Hits => hits;

    internal bool Applies(TableRequest request) => applies(request);

    internal void Hit() => Interlocked.Increment(ref hits);

    public void Dispose() => owner.Remove(this);
}

/// <summary>A request to Table Storage as a fault sees it.</summary>
public sealed record TableRequest(string Method, Uri Uri, string Body)
{
    /// <summary>Whether the request goes to the table named <paramref name="table"/> (its name with the run's prefix), or to a batch that writes it.</summary>
    public bool Touches(string table) =>
        Uri.AbsolutePath.Contains(table, StringComparison.OrdinalIgnoreCase) || Body.Contains(table, StringComparison.OrdinalIgnoreCase);

    public bool Mentions(string text) => Uri.OriginalString.Contains(Uri.EscapeDataString(text)) || Uri.OriginalString.Contains(text) || Body.Contains(text);
}
