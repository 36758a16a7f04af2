using Confluent.Kafka;
using EventFunctions.Processing;
using EventFunctions.Messaging;
using EventFunctions.Processing.Retries;

namespace EventFunctions.LocalHost.KafkaTrigger;

/// <summary>
/// One consumer per trigger, as the Functions host runs them: a function per topic it reads, each in its group. It
/// starts the triggers together and stops them together, so shutdown does not wait on each in turn.
/// </summary>
internal sealed class TriggerSet(IReadOnlyList<KafkaTriggerListener> listeners) : IHostedService
{
    public static void Add(IServiceCollection services, KafkaConnection kafka, GroupProtocol protocol)
    {
        services.AddSingleton<IHostedService>(sp =>
            new TriggerSet(sp.GetServices<IEventFunction>().SelectMany(function => TriggerGroups.All(function).Select(trigger =>
            {
                var config = kafka.ConsumerConfig(trigger.Group);
                config.GroupProtocol = protocol;
                config.MaxPollIntervalMs = sp.GetRequiredService<KafkaTriggerOptions>().MaxPollIntervalMs;
                if (protocol == GroupProtocol.Classic) config.SessionTimeoutMs = 6000;
                sp.GetRequiredService<PartitionAssignments>().Expect(trigger.Group);
                return ActivatorUtilities.CreateInstance<KafkaTriggerListener>(sp, function, trigger.Topic, config);
            })).ToList()));
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.WhenAll(listeners.Select(l => l.StartAsync(cancellationToken)));

    public Task StopAsync(CancellationToken cancellationToken) => Task.WhenAll(listeners.Select(l => l.StopAsync(cancellationToken)));
}
