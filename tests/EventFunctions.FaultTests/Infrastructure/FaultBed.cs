using System.Net.Http.Json;
using Azure.Data.Tables;
using EventFunctions.Contracts;
using EventFunctions.EmbeddedKafka;
using EventFunctions.LocalHost;
using EventFunctions.Messaging;
using EventFunctions.Orders.Intake;
using EventFunctions.Processing.Retries;
using EventFunctions.Storage;

namespace EventFunctions.FaultTests.Infrastructure;

/// <summary>
/// What one fault scenario runs on: an embedded Kafka cluster owned by the test (so that hosts can come and go), an
/// Azurite of its own (so that it can be stopped), tables under a prefix of the run, and the hosts it starts, in
/// process (faults can be injected into their Table client) or as processes (they can be killed).
/// </summary>
public sealed class FaultBed : IAsyncLifetime
{
    /// <summary>A crashed host's partitions move to the others after this long without a heartbeat.</summary>
    public static readonly TimeSpan GroupSessionTimeout = TimeSpan.FromSeconds(6);

    /// <summary>Shorter waits than production's, so scenarios recover within the suite's time.</summary>
    public static readonly RetryPolicy FastRetries = new() { UnknownFailureAttempts = 3, MaxBackoff = TimeSpan.FromSeconds(2) };

    private readonly List<LocalPipeline> hosts = [];
    private readonly List<HostProcess> processes = [];

    public EmbeddedKafkaCluster Cluster { get; private set; } = null!;

    public AzuriteProcess Azurite { get; } = new();

    public string TablePrefix { get; } = TestIds.TablePrefix("fault");

    public KafkaConnection Kafka => new(Cluster.BootstrapServers);

    /// <summary>The tables as the audit reads them: a client of its own, with no fault injected.</summary>
    public TableStorage Tables { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Azurite.StartAsync();
        Cluster = EmbeddedKafkaCluster.Start(3);
        Cluster.SetGroupSessionTimeout(GroupSessionTimeout);
        foreach (var topic in Topics.AllWithDeadLetters) Cluster.CreateTopic(topic, Topics.Partitions, 3);
        Tables = new TableStorage(new TableServiceClient(Azurite.ConnectionString), TablePrefix);
        await Tables.EnsureCreatedAsync(CancellationToken.None);
    }

    /// <summary>The settings every host of the bed is started with, plus <paramref name="extra"/>.</summary>
    public string[] Settings(params string[] extra) =>
    [
        $"--{KafkaConnection.BrokerListSetting}={Cluster.BootstrapServers}",
        $"--{TableServiceConnection.Setting}={Azurite.ConnectionString}",
        $"--{TableStorage.PrefixSetting}={TablePrefix}",
        "--Logging:LogLevel:Default=Warning",
        .. extra,
    ];

    public async Task<LocalPipeline> StartHostAsync(TableFaults? faults = null, params string[] settings)
    {
        var host = await LocalPipeline.StartAsync(Settings(settings), new LocalPipelineOptions
        {
            Urls = "http://127.0.0.1:0",
            RetryPolicy = FastRetries,
            ConfigureTables = faults is null ? null : options => options.Transport = faults,
        });
        hosts.Add(host);
        using var http = Client(host.BaseAddress);
        await Eventually.TrueAsync(async () => (await http.GetAsync("api/health")).IsSuccessStatusCode, TimeSpan.FromSeconds(90), "the host holds partitions");
        return host;
    }

    public async Task<HostProcess> StartHostProcessAsync(string name, params string[] settings)
    {
        var host = await HostProcess.StartAsync(name, Settings(settings));
        processes.Add(host);
        return host;
    }

    public async Task StopHostAsync(LocalPipeline host)
    {
        hosts.Remove(host);
        await host.DisposeAsync();
    }

    public static HttpClient Client(Uri baseAddress) => new() { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(70) };

    /// <summary>Sets each sku's price and stock through the API, as a merchant would.</summary>
    public static async Task StockAsync(HttpClient http, IReadOnlyDictionary<string, int> stock)
    {
        foreach (var (sku, quantity) in stock)
            (await http.PutAsJsonAsync($"api/inventory/{sku}", new SetInventoryRequest(quantity, 1.5m + sku.Length % 7))).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        foreach (var process in processes) await process.DisposeAsync();
        foreach (var host in hosts) await host.DisposeAsync();
        // The cluster outlives its clients.
        Cluster?.Dispose();
        await Azurite.DisposeAsync();
    }
}
