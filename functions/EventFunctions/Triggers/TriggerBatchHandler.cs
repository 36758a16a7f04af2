using EventFunctions.Functions;
using EventFunctions.Messaging;
using Microsoft.Extensions.Logging;

namespace EventFunctions.Triggers;

/// <summary>
/// What every host does with a Kafka trigger batch, so that both give up on a record the same way and only into its
/// dead-letter topic. A failed batch is waited on a little and rethrown: the host keeps its offsets and redelivers it
/// (the Functions extension with <c>commitOnFailure: false</c>, <c>maxRetries: -1</c>; the local trigger likewise).
/// Once the whole batch has failed <see cref="BatchAttempts.WholeBatchAttempts"/> times, each record runs alone and
/// those that still fail are dead-lettered with the error as reason: one bad record never holds back its partition.
/// </summary>
public sealed class TriggerBatchHandler(
    IReadOnlyList<EventFunctionRunner> runners,
    BatchAttempts attempts,
    ILogger<TriggerBatchHandler> logger)
{
    private readonly Dictionary<string, EventFunctionRunner> byName = runners.ToDictionary(r => r.Function.Name);

    /// <summary>Returns when the batch's offsets may be committed; throws when the host must redeliver it.</summary>
    public async Task HandleAsync(string function, IReadOnlyList<IncomingRecord> batch, Delivery delivery, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        var runner = RunnerOf(function);
        var key = BatchAttempts.KeyOf(function, batch);
        if (attempts.ShouldIsolate(key))
        {
            await RunEachAloneAsync(runner, batch, cancellationToken);
            attempts.Done(key);
            return;
        }

        try
        {
            // A failed attempt may have committed part of the batch: redeliveries look for processed events first.
            await runner.RunAsync(batch, attempts.FailuresOf(key) == 0 ? delivery : Delivery.MaybeRepeated, cancellationToken);
            attempts.Done(key);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var backoff = attempts.Failed(key);
            logger.LogWarning(e, "{Function}: batch of {Count} failed ({Failures} of {Attempts} attempts before its records are tried alone)",
                function, batch.Count, attempts.FailuresOf(key), attempts.WholeBatchAttempts);
            await Task.Delay(backoff, cancellationToken);
            throw;
        }
    }

    private async Task RunEachAloneAsync(EventFunctionRunner runner, IReadOnlyList<IncomingRecord> batch, CancellationToken cancellationToken)
    {
        var failed = new List<(IncomingRecord Record, string Reason)>();
        foreach (var record in batch)
        {
            try
            {
                await runner.RunAsync([record], Delivery.MaybeRepeated, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                failed.Add((record, $"failed after {attempts.WholeBatchAttempts + 1} attempts: {e.GetType().Name}: {e.Message}"));
            }
        }

        // If Kafka cannot take the dead letters either, this throws and the host redelivers the batch: nothing is skipped.
        foreach (var (record, reason) in failed)
        {
            logger.LogError("{Function}: dead-lettering {Coordinates}: {Reason}", runner.Function.Name, record.Coordinates, reason);
            await runner.DeadLetterAsync([record], reason, cancellationToken);
        }
    }

    private EventFunctionRunner RunnerOf(string function) =>
        byName.GetValueOrDefault(function) ?? throw new ArgumentException($"'{function}' is not a function of the pipeline.", nameof(function));
}
