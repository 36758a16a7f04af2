using System.Diagnostics.Metrics;
using EventFunctions.Messaging;
using EventFunctions.Processing.Lineage;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EventFunctions.UnitTests;

/// <summary>Envelopes and records as a trigger would deliver them, for feeding functions directly.</summary>
internal static class TestEvents
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// An event as the pipeline makes it: from its topic's writer, with the id the writer derives from its cause (an
    /// OrderPlaced, from its order id), unless the test names another id.
    /// </summary>
    public static EventEnvelope Envelope(IOrderEvent data, string? id = null)
    {
        var writer = Topics.Get(Topics.Of(data)).Writer;
        var cause = data is OrderPlaced ? null : DeterministicId.For("test-cause", data.OrderId + "/" + data.GetType().Name);
        return new(id ?? DeterministicId.For(writer, cause ?? data.OrderId), Provenance.SourceOf(writer), Now, cause, data);
    }

    public static OrderPlaced Placed(string orderId = "o-1", params OrderLine[] lines) =>
        new(orderId, "c-1", lines.Length > 0 ? lines : [new OrderLine("sku-a", 2)], "tok_visa");

    public static OrderValidated Validated(string orderId = "o-1", decimal total = 20m, string token = "tok_visa") =>
        new(orderId, "c-1", [new PricedLine("sku-a", 2, total / 2)], total, token);

    public static PaymentCaptured Captured(string orderId = "o-1", params OrderLine[] lines) =>
        new(orderId, "ch_1", 20m, lines.Length > 0 ? lines : [new OrderLine("sku-a", 2)]);

    public static StockReserved Reserved(string orderId = "o-1", params OrderLine[] lines) =>
        new(orderId, lines.Length > 0 ? lines : [new OrderLine("sku-a", 2)]);

    /// <summary>An event as the projection committed it: created <paramref name="createdAfterMs"/>, committed <paramref name="projectedAfterMs"/> after <see cref="Now"/>.</summary>
    public static ProjectedEvent Projected(IOrderEvent data, int projectedAfterMs = 0, int createdAfterMs = 0) =>
        ProjectedEvent.Of(Envelope(data) with { Time = Now.AddMilliseconds(createdAfterMs) }, Now.AddMilliseconds(projectedAfterMs));

    public static IncomingRecord Record(EventEnvelope envelope, long offset = 0)
    {
        var encoded = EventCodec.Encode(envelope);
        return new IncomingRecord(encoded.Topic, 0, offset, encoded.Key, encoded.Value, encoded.Headers);
    }

    public static TimeProvider Clock() => new FixedClock(Now);

    /// <summary>A provenance key given by setting, as an operator would give it: no storage behind it.</summary>
    public static ProvenanceKeys Keys(ProvenanceKey? key = null) => new(
        new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [ProvenanceKeys.KeySetting] = (key ?? SigningKey).ToBase64() }).Build(),
        Mock.Of<IProvenanceKeyStore>(MockBehavior.Strict));

    public static readonly ProvenanceKey SigningKey = ProvenanceKey.Generate();

    /// <summary>The pipeline's instruments on a meter factory of their own, which a test can listen to.</summary>
    public static PipelineMetrics Metrics() => new(Meters());

    public static IMeterFactory Meters() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
