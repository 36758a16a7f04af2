using EventFunctions.Messaging;
using Microsoft.Extensions.Logging;

namespace EventFunctions.Processing.Retries;

/// <summary>
/// What every host does with a Kafka trigger batch, so that both wait, settle and dead-letter alike. A batch that
/// fails transiently (<see cref="FailureClassifier"/>) is waited on and rethrown, for as long as the fault lasts: the
/// host keeps its offsets and redelivers it (the Functions extension with <c>commitOnFailure: false</c>,
/// <c>maxRetries: -1</c>; the local trigger likewise), so the partition holds and nothing is dead-lettered. A batch
/// that fails permanently, or with an unknown failure too often (<see cref="RetryPolicy"/>), runs record by record;
/// each record that still fails for good is settled as a business outcome (<see cref="EventFunctionRunner.SettleAsync"/>),
/// and only one that cannot even be settled goes to its dead-letter topic. One bad record never holds back its partition.
/// </summary>
public sealed class TriggerBatchHandler(
    IReadOnlyList<EventFunctionRunner> runners,
    BatchAttempts attempts,
    TransientFaults health,
    ILogger<TriggerBatchHandler> logger)
{
    private readonly Dictionary<string, EventFunctionRunner> byName = runners.ToDictionary(r => r.Function.Name);

    /// <summary>Returns when the batch's offsets may be committed; throws when the host must redeliver it.</summary>
    public async Task HandleAsync(string function, IReadOnlyList<IncomingRecord> batch, Delivery delivery, CancellationToken cancellationToken)
    {
        if (batch.Count == 0) return;
        var runner = RunnerOf(function);
        var key = BatchAttempts.KeyOf(function, batch);
        if (!attempts.IsIsolating(key))
        {
            try
            {
                // A failed attempt may have committed part of the batch: redeliveries look for processed events first.
                await runner.RunAsync(batch, attempts.FailuresOf(key) == 0 ? delivery : Delivery.MaybeRepeated, cancellationToken);
                await SucceededAsync(function, key, cancellationToken);
                return;
            }
            catch (Exception e) when (!IsShutdown(e, cancellationToken))
            {
                var failure = FailureClassifier.Classify(e);
                var decision = await attempts.FailedAsync(key, failure, cancellationToken);
                if (!decision.IsolateRecords)
                {
                    await WaitAsync(function, failure, decision.Backoff, e, batch.Count, key, cancellationToken);
                    throw;
                }
                logger.LogWarning("{Function}: a batch of {Count} failed ({Failure}); running its records one by one", function, batch.Count, failure);
            }
        }

        await RunEachAloneAsync(runner, batch, key, cancellationToken);
        await SucceededAsync(function, key, cancellationToken);
    }

    private async Task RunEachAloneAsync(EventFunctionRunner runner, IReadOnlyList<IncomingRecord> batch, string key, CancellationToken cancellationToken)
    {
        foreach (var record in batch)
        {
            Failure failure;
            try
            {
                await runner.RunAsync([record], Delivery.MaybeRepeated, cancellationToken);
                continue;
            }
            catch (Exception e) when (!IsShutdown(e, cancellationToken))
            {
                failure = FailureClassifier.Classify(e);
                // The whole batch is redelivered once the fault passes; the records done by then are found processed.
                if (failure.Kind == FailureKind.Transient) await WaitThenRethrowAsync(runner.Function.Name, failure, e, key, cancellationToken);
            }

            try
            {
                await runner.SettleAsync(record, failure.Reason, cancellationToken);
            }
            catch (Exception e) when (!IsShutdown(e, cancellationToken))
            {
                var unsettled = FailureClassifier.Classify(e);
                if (unsettled.Kind == FailureKind.Transient) await WaitThenRethrowAsync(runner.Function.Name, unsettled, e, key, cancellationToken);

                // The last resort. If Kafka cannot take the dead letter either, this throws and the batch is redelivered.
                var reason = $"could not be settled ({unsettled}) after failing ({failure})";
                logger.LogError(e, "{Function}: dead-lettering {Coordinates}: {Reason}", runner.Function.Name, record.Coordinates, reason);
                await runner.DeadLetterAsync([record], reason, cancellationToken);
            }
        }
    }

    private async Task SucceededAsync(string function, string key, CancellationToken cancellationToken)
    {
        await attempts.SucceededAsync(key, cancellationToken);
        health.Recovered(function);
    }

    private async Task WaitAsync(string function, Failure failure, TimeSpan backoff, Exception error, int count, string key, CancellationToken cancellationToken)
    {
        if (failure.Kind == FailureKind.Transient)
            health.Waiting(function, failure);
        else
            logger.LogWarning(error, "{Function}: a batch of {Count} failed ({Failure}), attempt {Failures} of {Attempts} before its records are tried alone",
                function, count, failure, attempts.FailuresOf(key), attempts.Policy.UnknownFailureAttempts);
        logger.LogDebug("{Function}: batch {Batch} failed ({Failure}); redelivering in {Backoff}", function, key, failure, backoff);
        await Task.Delay(backoff, cancellationToken);
    }

    private async Task WaitThenRethrowAsync(string function, Failure failure, Exception error, string key, CancellationToken cancellationToken)
    {
        health.Waiting(function, failure);
        await Task.Delay(attempts.FailedWhileIsolating(key), cancellationToken);
        System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
    }

    private static bool IsShutdown(Exception e, CancellationToken cancellationToken) =>
        e is OperationCanceledException && cancellationToken.IsCancellationRequested;

    private EventFunctionRunner RunnerOf(string function) =>
        byName.GetValueOrDefault(function) ?? throw new ArgumentException($"'{function}' is not a function of the pipeline.", nameof(function));
}
