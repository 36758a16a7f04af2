using System.Globalization;
using EventFunctions.Messaging;
using EventFunctions.Processing;
using EventFunctions.Telemetry;
using Microsoft.Extensions.Logging;

namespace EventFunctions.Operations.DeadLetterQueue;

/// <summary>
/// Lists dead letters and puts them back: each copy goes to its original topic, for the consumer group that gave up on
/// it only (<see cref="RedriveHeaders"/>), with its key, value and headers as they were and its <c>ce_id</c> unchanged,
/// so that putting it back twice has the effect of once. A copy that fails again returns to the dead-letter topic
/// carrying its redrive count. Letters already put back are skipped unless asked again.
/// </summary>
public sealed class DeadLetterRedrive(DeadLetterReader reader, IRedriveLog log, IEventPublisher publisher, TimeProvider clock, PipelineMetrics metrics, ILogger<DeadLetterRedrive> logger)
{
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(DeadLetterFilter filter, CancellationToken cancellationToken) =>
        (await ReadAsync(filter, cancellationToken)).Select(l => l.Letter).ToList();

    public async Task<RedriveReport> RedriveAsync(DeadLetterFilter filter, bool dryRun, bool again, CancellationToken cancellationToken)
    {
        var actions = new List<RedriveAction>();
        foreach (var stored in await ReadAsync(filter, cancellationToken))
        {
            var letter = stored.Letter;
            if (letter.ConsumerGroup is null)
                actions.Add(new(letter, RedriveOutcome.Skipped, "no consumer group to put it back for"));
            else if (letter.Redriven is { } mark && !again)
                actions.Add(new(letter, RedriveOutcome.Skipped, $"put back already at {mark.At:O} ({mark.To}); ask again to repeat"));
            else if (dryRun)
                actions.Add(new(letter, RedriveOutcome.WouldRedrive, Destination(letter)));
            else
            {
                await publisher.PublishAsync([CopyOf(stored)], cancellationToken);
                await log.MarkAsync(letter.Coordinates, new RedriveMark(clock.GetUtcNow(), Destination(letter)), cancellationToken);
                metrics.Redriven(letter.ConsumerGroup, letter.OriginalTopic);
                logger.LogInformation("Redrove {Coordinates} (order {OrderId}) to {Destination}", letter.Coordinates, letter.OrderId, Destination(letter));
                actions.Add(new(letter, RedriveOutcome.Redriven, Destination(letter)));
            }
        }
        return new RedriveReport(dryRun, actions);
    }

    private async Task<IReadOnlyList<StoredDeadLetter>> ReadAsync(DeadLetterFilter filter, CancellationToken cancellationToken)
    {
        var letters = await reader.ReadAsync(filter, cancellationToken);
        var marks = await log.FindAsync(letters.Select(l => l.Letter.Coordinates).ToList(), cancellationToken);
        return letters.Select(l => marks.TryGetValue(l.Letter.Coordinates, out var mark) ? l with { Letter = l.Letter with { Redriven = mark } } : l).ToList();
    }

    private static string Destination(DeadLetter letter) => $"{letter.OriginalTopic} for {letter.ConsumerGroup}";

    /// <summary>The original record again: its key, value and headers, without the dead letter's own, plus whom it is for.</summary>
    private static OutgoingRecord CopyOf(StoredDeadLetter stored)
    {
        var letter = stored.Letter;
        var headers = stored.Headers
            .Where(h => !h.Key.StartsWith(DeadLetters.HeaderPrefix, StringComparison.Ordinal) && h.Key is not (RedriveHeaders.Group or RedriveHeaders.Count or RedriveHeaders.Of))
            .Append(RecordHeader.Text(RedriveHeaders.Group, letter.ConsumerGroup!))
            .Append(RecordHeader.Text(RedriveHeaders.Count, (letter.RedriveCount + 1).ToString(CultureInfo.InvariantCulture)))
            .Append(RecordHeader.Text(RedriveHeaders.Of, letter.Coordinates))
            .ToList();
        return new OutgoingRecord(letter.OriginalTopic, stored.Key, stored.Value, headers, stored.Timestamp);
    }
}

public enum RedriveOutcome
{
    Redriven,
    WouldRedrive,
    Skipped,
}

/// <summary>What happened, or would happen, to one dead letter.</summary>
public sealed record RedriveAction(DeadLetter Letter, RedriveOutcome Outcome, string Detail);

public sealed record RedriveReport(bool DryRun, IReadOnlyList<RedriveAction> Letters)
{
    public int Redriven => Letters.Count(l => l.Outcome == RedriveOutcome.Redriven);

    public int WouldRedrive => Letters.Count(l => l.Outcome == RedriveOutcome.WouldRedrive);

    public int Skipped => Letters.Count(l => l.Outcome == RedriveOutcome.Skipped);
}
