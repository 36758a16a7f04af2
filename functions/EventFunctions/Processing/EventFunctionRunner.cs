using EventFunctions.Contracts;
using EventFunctions.Messaging;
using EventFunctions.Processing.Lineage;
using EventFunctions.Storage;
using EventFunctions.Telemetry;
using Microsoft.Extensions.Logging;

namespace EventFunctions.Processing;

/// <summary>
/// Runs one function over one trigger batch, the same way under every host:
/// <list type="number">
/// <item>read each record; one that cannot be read is dead-lettered, never retried, so it blocks nothing behind it;</item>
/// <item>check that the others are the pipeline's own (<see cref="IEventLineage"/>), dead-lettering orphans unacted;</item>
/// <item>when the host says the batch may be a repeat, find the events already processed (their inbox rows) and take
/// their stored outbox instead of acting again (<see cref="Delivery"/>);</item>
/// <item>let the function decide the effects of the others;</item>
/// <item>sign the events they emit as their topic's writer (<see cref="RecordSignature"/>), so that consumers need no read to trust them;</item>
/// <item>commit every effect's state, inbox marker and outbox together;</item>
/// <item>publish all outboxes and dead letters, and return only when the broker has acknowledged them.</item>
/// </list>
/// Only then may the host commit the batch's offsets. Any exception means "retry the batch": every step is idempotent.
/// An event that fails for good is settled (<see cref="SettleAsync"/>) by the trigger policy, which decides when.
/// </summary>
public sealed class EventFunctionRunner(
    IEventFunction function,
    IEffectStore store,
    IEventPublisher publisher,
    IEventLineage lineage,
    ProvenanceKeys keys,
    TimeProvider clock,
    PipelineMetrics metrics,
    ILogger<EventFunctionRunner> logger)
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<OutgoingRecord>> NoneProcessed = new Dictionary<string, IReadOnlyList<OutgoingRecord>>();
    private static readonly IReadOnlyDictionary<string, string> NoOrphans = new Dictionary<string, string>();

    /// <summary>A projection's, which may act for another group and signals its commits; null for a business function.</summary>
    private readonly IProjection? projection = function as IProjection;

    public IEventFunction Function => function;

    /// <summary>The consumer group whose redriven dead letters this runner acts on (<see cref="IProjection.RedriveGroup"/>).</summary>
    private string RedriveGroup => projection?.RedriveGroup ?? function.Name;

    public Task RunAsync(IReadOnlyList<IncomingRecord> records, CancellationToken cancellationToken) =>
        RunAsync(records, Delivery.MaybeRepeated, cancellationToken);

    public async Task RunAsync(IReadOnlyList<IncomingRecord> records, Delivery delivery, CancellationToken cancellationToken)
    {
        using var _ = StorageRoundTrips.AttributeTo(function.Name);
        using var trace = new BatchTrace(function.Name, records, metrics);
        try
        {
            await RunAsync(records, delivery, trace, cancellationToken);
        }
        catch (Exception e)
        {
            trace.Failed(e);
            throw;
        }
    }

    private async Task RunAsync(IReadOnlyList<IncomingRecord> records, Delivery delivery, BatchTrace trace, CancellationToken cancellationToken)
    {
        var deadLetters = new List<(IncomingRecord Record, OutgoingRecord Letter)>();
        var events = new List<(EventEnvelope Event, IncomingRecord Record)>();
        foreach (var record in records)
        {
            // A dead letter put back for another group: that group's to act on, this one processed the original.
            if (!RedriveHeaders.IsFor(record, RedriveGroup))
            {
                trace.Outcome(record, RecordOutcomes.Ignored);
                continue;
            }
            try
            {
                events.Add((EventCodec.Decode(record), record));
            }
            catch (PoisonEventException poison)
            {
                logger.LogWarning("{Function}: dead-lettering {Coordinates}: {Reason}", function.Name, record.Coordinates, poison.Message);
                deadLetters.Add((record, DeadLetters.For(record, function.Name, poison.Message, clock.GetUtcNow())));
                trace.Outcome(record, RecordOutcomes.Poison);
            }
        }

        var handled = events.Where(e => function.Handles(e.Event)).DistinctBy(e => e.Event.Id).ToList();
        foreach (var (@event, record) in events.Except(handled)) trace.Outcome(record, function.Handles(@event) ? RecordOutcomes.Duplicate : RecordOutcomes.Ignored);
        var alreadyProcessed = delivery != Delivery.MaybeRepeated ? NoneProcessed : await store.FindProcessedAsync(function, handled.Select(e => e.Event).ToList(), cancellationToken);
        var unprocessed = handled.Where(e => !alreadyProcessed.ContainsKey(e.Event.Id)).ToList();
        foreach (var (_, record) in handled.Except(unprocessed)) trace.Outcome(record, RecordOutcomes.Duplicate);
        var orphans = unprocessed.Count == 0 ? NoOrphans : await lineage.FindOrphansAsync(unprocessed, cancellationToken);
        foreach (var (orphan, record) in unprocessed.Where(e => orphans.ContainsKey(e.Event.Id)))
        {
            var reason = "not an event of the pipeline: " + orphans[orphan.Id];
            logger.LogWarning("{Function}: dead-lettering {Coordinates} (order {OrderId}): {Reason}", function.Name, record.Coordinates, orphan.Subject, reason);
            deadLetters.Add((record, DeadLetters.For(record, function.Name, reason, clock.GetUtcNow())));
            trace.Outcome(record, RecordOutcomes.Orphan);
        }
        var fresh = unprocessed.Where(e => !orphans.ContainsKey(e.Event.Id)).ToList();
        var causes = fresh.ToDictionary(e => e.Event.Id, e => e.Record);

        var effects = fresh.Count == 0 ? [] : await function.HandleAsync(fresh.Select(e => e.Event).ToList(), cancellationToken);
        var keyring = await keys.GetAsync(cancellationToken);
        var pending = effects.Select(e => Pending(e, keyring, trace.ContextOf(causes[e.Cause.Id]))).ToList();
        var committed = await store.CommitAsync(function, pending, cancellationToken);
        foreach (var (_, record) in fresh.Where(e => committed.Duplicates.Contains(e.Event.Id))) trace.Outcome(record, RecordOutcomes.Duplicate);
        metrics.EffectsCommitted(function.Name, fresh.Where(e => !committed.Duplicates.Contains(e.Event.Id)).Select(e => e.Event.Time), clock.GetUtcNow());
        projection?.Committed(effects);

        await publisher.PublishAsync([.. alreadyProcessed.Values.SelectMany(o => o), .. committed.Published, .. deadLetters.Select(d => d.Letter)], cancellationToken);
        foreach (var (record, _) in deadLetters) metrics.DeadLettered(function.Name, record.Topic);
    }

    /// <summary>
    /// The effect with its events encoded in the context of the span that processed their cause, and signed: the
    /// outbox keeps the signature, so a re-published event carries the same one.
    /// </summary>
    private static PendingEffect Pending(Effect effect, ProvenanceKeyring keyring, System.Diagnostics.ActivityContext context) =>
        new(effect, effect.Emits.Select(e => keyring.Sign(EventCodec.Encode(e, context), Topics.Get(e.Topic).Writer)).ToList());

    /// <summary>
    /// Settles a record that failed for good: the function decides the business outcome (<see cref="IEventFunction.SettleAsync"/>),
    /// committed like any effect, with the failure kept beside the inbox marker. If another attempt committed the
    /// event meanwhile, its outcome stands and is published instead.
    /// </summary>
    public async Task SettleAsync(IncomingRecord record, string reason, CancellationToken cancellationToken)
    {
        using var _ = StorageRoundTrips.AttributeTo(function.Name);
        if (!RedriveHeaders.IsFor(record, RedriveGroup)) return;
        var envelope = EventCodec.Decode(record);
        if (!function.Handles(envelope)) return;
        using var trace = new BatchTrace(function.Name, [record], metrics, isTriggerBatch: false);
        try
        {
            await SettleAsync(record, envelope, reason, trace, cancellationToken);
        }
        catch (Exception e)
        {
            trace.Failed(e);
            throw;
        }
    }

    private async Task SettleAsync(IncomingRecord record, EventEnvelope envelope, string reason, BatchTrace trace, CancellationToken cancellationToken)
    {
        var processed = await store.FindProcessedAsync(function, [envelope], cancellationToken);
        if (processed.TryGetValue(envelope.Id, out var stored))
        {
            trace.Outcome(record, RecordOutcomes.Duplicate);
            await publisher.PublishAsync(stored, cancellationToken);
            return;
        }

        var effect = await function.SettleAsync(envelope, reason, cancellationToken) with { SettledBecause = reason };
        var keyring = await keys.GetAsync(cancellationToken);
        var committed = await store.CommitAsync(function, [Pending(effect, keyring, trace.ContextOf(record))], cancellationToken);
        trace.Outcome(record, committed.Duplicates.Contains(envelope.Id) ? RecordOutcomes.Duplicate : RecordOutcomes.Settled);
        projection?.Committed([effect]);
        await publisher.PublishAsync(committed.Published, cancellationToken);
        logger.LogWarning("{Function}: settled order {OrderId} ({Coordinates}) as {Outcome}: {Reason}",
            function.Name, envelope.Subject, record.Coordinates, string.Join(", ", effect.Emits.Select(e => e.Type)) is { Length: > 0 } types ? types : "a reduced fact", reason);
    }

    /// <summary>Moves records that could be neither processed nor settled to their dead-letter topics, so the partition can move on without losing them.</summary>
    public async Task DeadLetterAsync(IReadOnlyList<IncomingRecord> records, string reason, CancellationToken cancellationToken)
    {
        await publisher.PublishAsync(records.Select(r => DeadLetters.For(r, function.Name, reason, clock.GetUtcNow())).ToList(), cancellationToken);
        foreach (var record in records)
        {
            metrics.DeadLettered(function.Name, record.Topic);
            metrics.Processed(function.Name, RecordOutcomes.DeadLettered);
        }
    }
}
