using System.Diagnostics;
using EventFunctions.Messaging;

namespace EventFunctions.UnitTests.Telemetry;

public class TraceHeadersTests
{
    private static readonly ActivityContext Context = new(
        ActivityTraceId.CreateFromString("0af7651916cd43dd8448eb211c80319c"), ActivitySpanId.CreateFromString("b7ad6b7169203331"),
        ActivityTraceFlags.Recorded, "vendor=value", isRemote: true);

    [Fact]
    public void A_context_is_written_as_W3C_traceparent_and_tracestate_and_read_back()
    {
        var headers = TraceHeaders.Of(Context).ToList();

        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", headers.Single(h => h.Key == "traceparent").ValueAsText);
        Assert.Equal("vendor=value", headers.Single(h => h.Key == "tracestate").ValueAsText);
        Assert.Equal(Context, TraceHeaders.Read(headers));
    }

    [Fact]
    public void No_context_writes_no_headers()
    {
        Assert.Empty(TraceHeaders.Of(default));
    }

    [Theory]
    [InlineData("not a traceparent")]
    [InlineData("00-00000000000000000000000000000000-b7ad6b7169203331-01")]
    [InlineData("00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01")]
    public void A_malformed_traceparent_reads_as_no_context(string traceparent)
    {
        Assert.Equal(default, TraceHeaders.Read([RecordHeader.Text("traceparent", traceparent)]));
    }

    [Fact]
    public void A_tracestate_longer_than_W3C_asks_anyone_to_keep_is_dropped_and_the_traceparent_kept()
    {
        var headers = TraceHeaders.Of(Context).Where(h => h.Key == "traceparent").Append(RecordHeader.Text("tracestate", "v=" + new string('x', 600))).ToList();

        var read = TraceHeaders.Read(headers);

        Assert.Equal((Context.TraceId, Context.SpanId), (read.TraceId, read.SpanId));
        Assert.Null(read.TraceState);
    }

    [Fact]
    public void Encoding_an_event_in_a_context_adds_its_trace_headers_and_stays_readable()
    {
        var record = EventCodec.Encode(TestEvents.Envelope(TestEvents.Placed()), Context);

        Assert.Equal(Context, TraceHeaders.Read(record.Headers));
        Assert.Equal(TestEvents.Envelope(TestEvents.Placed()).Id, EventCodec.Decode(new IncomingRecord(record.Topic, 0, 0, record.Key, record.Value, record.Headers)).Id);
    }
}
