using EventFunctions.Messaging;
using EventFunctions.Processing;
using EventFunctions.Processing.Retries;
using EventFunctions.ReadSide.Versions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventFunctions.ReadSide.Rebuild;

/// <summary>
/// Runs on every instance of either host. Every <see cref="ViewRebuildOptions.CheckInterval"/> it reads each read
/// model's versions: while one is being built, this instance is a member of the build's consumer group
/// (<see cref="RebuildConsumer"/>), and it switches the readers once the build has caught up (any instance may: the
/// switch is a conditional write, so exactly one makes it). A read model that was never built (one added since the
/// last deployment) is started building here, so it serves once it holds all of history.
/// </summary>
public sealed class ViewRebuildWorker(
    IServiceProvider services, IEnumerable<IEventFunction> functions, IViewVersionStore store, ViewRebuilds rebuilds, KafkaConnection kafka,
    TransientFaults health, ViewRebuildOptions options, ILoggerFactory loggers) : BackgroundService
{
    private readonly ILogger logger = loggers.CreateLogger<ViewRebuildWorker>();
    private readonly Dictionary<string, RebuildConsumer> consumers = [];
    private readonly HashSet<string> refusedFirstBuilds = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.RunsBuilds) return;
        using var timer = new PeriodicTimer(options.CheckInterval);
        try
        {
            do
            {
                foreach (var model in ReadModels.All.Where(m => functions.Any(f => f.Name == m.LiveGroup)))
                {
                    try
                    {
                        await TendAsync(model, stoppingToken);
                    }
                    catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                    {
                        // Storage or the brokers away: the build's consumer waits the fault out by itself; look again next time.
                        logger.LogDebug("Read model {Model} not checked: {Reason}", model.Name, e.Message);
                    }
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            foreach (var consumer in consumers.Values) await consumer.DisposeAsync();
            consumers.Clear();
        }
    }

    private async Task TendAsync(ReadModel model, CancellationToken cancellationToken)
    {
        var versions = await store.GetAsync(model, cancellationToken);
        if (versions is { Active: null, Building: null } && options.BuildNewReadModels)
            versions = await StartFirstBuildAsync(model, versions, cancellationToken);

        foreach (var stale in consumers.Where(c => c.Key.StartsWith(model.Name + "@", StringComparison.Ordinal) && c.Key != KeyOf(model, versions.Building)).ToList())
            await StopAsync(stale.Key);
        if (versions.Building is not { } building) return;
        if (!consumers.ContainsKey(KeyOf(model, building)))
        {
            var consumer = ConsumerOf(model, building);
            consumers[KeyOf(model, building)] = consumer;
            consumer.Start();
        }
        if (await rebuilds.SwitchIfCaughtUpAsync(model, versions, cancellationToken)) await StopAsync(KeyOf(model, building));
    }

    /// <summary>Stops a build's consumer: it switched, or was cancelled. A fault it was waiting out is no longer the instance's.</summary>
    private async Task StopAsync(string key)
    {
        if (!consumers.Remove(key, out var consumer)) return;
        await consumer.DisposeAsync();
        health.Recovered(consumer.Group);
    }

    private async Task<ViewVersions> StartFirstBuildAsync(ReadModel model, ViewVersions versions, CancellationToken cancellationToken)
    {
        try
        {
            await rebuilds.StartAsync(model, fromRemaining: false, cancellationToken);
        }
        catch (ViewVersionConflictException)
        {
            // Another instance started it first.
        }
        catch (RebuildRefusedException refused)
        {
            if (refusedFirstBuilds.Add(model.Name))
                logger.LogError("The {Model} read model was never built, and cannot be built whole: {Reason}", model.Name, refused.Message);
            return versions;
        }
        return await store.GetAsync(model, cancellationToken);
    }

    private RebuildConsumer ConsumerOf(ReadModel model, int version)
    {
        var live = functions.OfType<IProjection>().Single(f => f.Name == model.LiveGroup);
        var projection = new RebuildingProjection(live, model, version);
        var runner = ActivatorUtilities.CreateInstance<EventFunctionRunner>(services, projection,
            (IEventPublisher)new DiscardingPublisher(projection.Name, logger));
        var handler = ActivatorUtilities.CreateInstance<TriggerBatchHandler>(services, (IReadOnlyList<EventFunctionRunner>)[runner]);
        var config = kafka.ConsumerConfig(projection.Name);
        options.ConfigureConsumer?.Invoke(config);
        return new RebuildConsumer(projection, config, options.MaxBatchSize, handler, logger);
    }

    private static string KeyOf(ReadModel model, int? version) => $"{model.Name}@{version}";
}
