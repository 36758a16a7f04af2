using EventFunctions.EmbeddedKafka;
using EventFunctions.FunctionsApp.Kafka;
using EventFunctions.LocalHost;
using EventFunctions.Messaging;
using EventFunctions.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EventFunctions.FunctionsApp.Tests.Infrastructure;

/// <summary>
/// The Functions app's services, built by its own registration on the settings template, pointed at real parts: the
/// local host in infra mode (the embedded Kafka cluster, every topic created; Azurite's tables under a prefix of this
/// run's own). Tests call the app's trigger methods directly, as the worker would with a batch from the host.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private LocalPipeline? infrastructure;
    private ServiceProvider? services;

    public IServiceProvider Services => services ?? throw new InvalidOperationException("The app has not started.");

    public EmbeddedKafkaCluster Cluster => infrastructure?.Cluster ?? throw new InvalidOperationException("No embedded cluster.");

    public RecordsOnKafka Kafka { get; private set; } = null!;

    public KafkaTriggers Triggers { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var prefix = TestIds.TablePrefix("fa");
        infrastructure = await LocalPipeline.StartAsync([], new LocalPipelineOptions { RunFunctions = false, Urls = "http://127.0.0.1:0", TablePrefix = prefix });
        services = AppServices.Build(SettingsTemplate.Configuration(
            (KafkaConnection.BrokerListSetting, infrastructure.Kafka.BrokerList),
            (TableStorage.PrefixSetting, prefix)));
        foreach (var hosted in services.GetServices<IHostedService>()) await hosted.StartAsync(CancellationToken.None);
        Kafka = new RecordsOnKafka(infrastructure.Kafka);
        Triggers = ActivatorUtilities.CreateInstance<KafkaTriggers>(services);
    }

    public async Task DisposeAsync()
    {
        // The app's producer before the cluster it talks to.
        if (services is not null) await services.DisposeAsync();
        if (infrastructure is not null) await infrastructure.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "functions app";
}
