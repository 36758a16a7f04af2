using EventFunctions.Messaging;
using EventFunctions.Processing.Lineage;

namespace EventFunctions.UnitTests.Processing.Lineage;

public sealed class SignedEventLineageTests
{
    private readonly Mock<IEventLineage> tables = new(MockBehavior.Strict);
    private readonly List<string> lookedUp = [];

    public SignedEventLineageTests() =>
        tables.Setup(t => t.FindOrphansAsync(It.IsAny<IReadOnlyList<(EventEnvelope, IncomingRecord)>>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyList<(EventEnvelope Event, IncomingRecord)> events, CancellationToken _) => lookedUp.AddRange(events.Select(e => e.Event.Id)))
            .ReturnsAsync((IReadOnlyList<(EventEnvelope Event, IncomingRecord)> events, CancellationToken _) =>
                events.ToDictionary(e => e.Event.Id, _ => "never processed"));

    private SignedEventLineage Lineage() => new(TestEvents.Keys(), tables.Object);

    private static (EventEnvelope, IncomingRecord) Signed(EventEnvelope envelope, ProvenanceKey? key = null)
    {
        var record = new ProvenanceKeyring(key ?? TestEvents.SigningKey, []).Sign(EventCodec.Encode(envelope), Topics.Get(envelope.Topic).Writer);
        return (envelope, new IncomingRecord(record.Topic, 0, 0, record.Key, record.Value, record.Headers));
    }

    [Fact]
    public async Task Signed_records_are_the_pipelines_own_without_a_table_read()
    {
        var orphans = await Lineage().FindOrphansAsync([Signed(TestEvents.Envelope(TestEvents.Validated("o-1"))), Signed(TestEvents.Envelope(TestEvents.Placed("o-2")))], CancellationToken.None);

        Assert.Empty(orphans);
        tables.Verify(t => t.FindOrphansAsync(It.IsAny<IReadOnlyList<(EventEnvelope, IncomingRecord)>>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task Only_unsigned_records_are_looked_up_in_their_writers_tables()
    {
        var unsigned = TestEvents.Envelope(TestEvents.Validated("o-old"));
        var signed = TestEvents.Envelope(TestEvents.Validated("o-new"));

        var orphans = await Lineage().FindOrphansAsync([(unsigned, TestEvents.Record(unsigned)), Signed(signed)], CancellationToken.None);

        Assert.Equal([unsigned.Id], lookedUp);
        Assert.Equal("never processed", orphans[unsigned.Id]);
        Assert.False(orphans.ContainsKey(signed.Id));
    }

    [Fact]
    public async Task A_record_signed_with_a_foreign_key_is_an_orphan_at_once()
    {
        var forged = Signed(TestEvents.Envelope(TestEvents.Validated()), ProvenanceKey.Generate());

        var orphans = await Lineage().FindOrphansAsync([forged], CancellationToken.None);

        Assert.Contains("which the pipeline does not hold", orphans[forged.Item1.Id]);
        Assert.Empty(lookedUp);
    }

    [Fact]
    public async Task A_signed_record_altered_after_signing_is_an_orphan_at_once()
    {
        var (envelope, record) = Signed(TestEvents.Envelope(TestEvents.Validated(total: 20m)));
        var altered = record with { Value = System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(record.Value!).Replace("20", "2")) };

        var orphans = await Lineage().FindOrphansAsync([(envelope, altered)], CancellationToken.None);

        Assert.Equal($"it is not what {ConsumerGroups.ValidateOrder} emitted: its signature does not match the record", orphans[envelope.Id]);
        Assert.Empty(lookedUp);
    }
}
