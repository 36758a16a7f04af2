using System.Text;
using EventFunctions.Messaging;
using EventFunctions.Processing;
using EventFunctions.Processing.Lineage;

namespace EventFunctions.UnitTests.Processing.Lineage;

public sealed class RecordSignatureTests
{
    private static readonly ProvenanceKeyring Keyring = new(TestEvents.SigningKey, []);

    private static IncomingRecord Signed(IOrderEvent data, string? writer = null, ProvenanceKeyring? keyring = null)
    {
        var envelope = TestEvents.Envelope(data);
        var record = (keyring ?? Keyring).Sign(EventCodec.Encode(envelope), writer ?? Topics.Get(envelope.Topic).Writer);
        return new IncomingRecord(record.Topic, 0, 0, record.Key, record.Value, record.Headers);
    }

    private static string WriterOf(IncomingRecord record) => Topics.Get(record.Topic).Writer;

    [Fact]
    public void A_record_signed_by_its_topics_writer_verifies()
    {
        var record = Signed(TestEvents.Validated());
        Assert.Equal(SignatureCheck.Valid, Keyring.Check(record, WriterOf(record)));
    }

    [Fact]
    public void A_record_without_a_signature_is_unsigned_not_valid()
    {
        var record = TestEvents.Record(TestEvents.Envelope(TestEvents.Validated()));
        Assert.Equal(SignatureCheck.Unsigned, Keyring.Check(record, WriterOf(record)));
    }

    [Fact]
    public void An_altered_value_no_longer_verifies()
    {
        var record = Signed(TestEvents.Validated(total: 20m));
        var altered = record with { Value = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(record.Value!).Replace("20", "2")) };
        Assert.Equal(SignatureCheck.Invalid, Keyring.Check(altered, WriterOf(record)));
    }

    [Theory]
    [InlineData(CloudEventHeaders.Id)]
    [InlineData(CloudEventHeaders.CausationId)]
    [InlineData(CloudEventHeaders.Subject)]
    [InlineData(CloudEventHeaders.DataSchema)]
    public void A_changed_event_attribute_no_longer_verifies(string header)
    {
        var record = Signed(TestEvents.Validated());
        var altered = record with { Headers = [.. record.Headers, RecordHeader.Text(header, "something-else")] };
        Assert.Equal(SignatureCheck.Invalid, Keyring.Check(altered, WriterOf(record)));
    }

    [Fact]
    public void A_record_signed_as_another_writer_does_not_verify_as_its_topics_writer()
    {
        var record = Signed(TestEvents.Validated(), writer: ConsumerGroups.ProcessPayment);
        Assert.Equal(SignatureCheck.Invalid, Keyring.Check(record, WriterOf(record)));
    }

    [Fact]
    public void Trace_and_redrive_headers_are_not_part_of_the_event()
    {
        var record = Signed(TestEvents.Validated());
        var redriven = record with { Headers = [.. record.Headers, RecordHeader.Text("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), RecordHeader.Text(RedriveHeaders.Group, "x")] };
        Assert.Equal(SignatureCheck.Valid, Keyring.Check(redriven, WriterOf(record)));
    }

    [Fact]
    public void A_key_the_pipeline_does_not_hold_is_named_as_such()
    {
        var record = Signed(TestEvents.Validated(), keyring: new ProvenanceKeyring(ProvenanceKey.Generate(), []));
        Assert.Equal(SignatureCheck.UnknownKey, Keyring.Check(record, WriterOf(record)));
    }

    [Fact]
    public void After_a_rotation_records_signed_with_the_previous_key_still_verify()
    {
        var record = Signed(TestEvents.Validated());
        var rotated = new ProvenanceKeyring(ProvenanceKey.Generate(), [TestEvents.SigningKey]);
        Assert.Equal(SignatureCheck.Valid, rotated.Check(record, WriterOf(record)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no-colon")]
    [InlineData("abc:not base64!")]
    [InlineData("abc:AAAA")]
    public void A_signature_header_that_cannot_be_read_is_as_good_as_none(string value)
    {
        var record = TestEvents.Record(TestEvents.Envelope(TestEvents.Validated()));
        var withHeader = record with { Headers = [.. record.Headers, RecordHeader.Text(RecordSignature.Header, value)] };
        Assert.Equal(SignatureCheck.Unsigned, Keyring.Check(withHeader, WriterOf(record)));
    }
}
