using Confluent.Kafka;
using EventFunctions.EmbeddedKafka;
using EventFunctions.Hosting;
using EventFunctions.LocalHost.Api;
using EventFunctions.LocalHost.Board;
using EventFunctions.LocalHost.Telemetry;
using EventFunctions.LocalHost.Cluster;
using EventFunctions.LocalHost.Operations;
using EventFunctions.LocalHost.KafkaTrigger;
using EventFunctions.LocalHost.Startup;
using EventFunctions.Messaging;
using EventFunctions.Processing;
using EventFunctions.Processing.Retries;
using EventFunctions.Storage;
using EventFunctions.ReadSide.Versions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace EventFunctions.LocalHost;

/// <summary>
/// The whole pipeline in one process: Kafka (embedded unless <c>KafkaBrokerList</c> names a cluster), Table Storage
/// on <c>AzureWebJobsStorage</c> (Azurite by default), one trigger per function and the HTTP API.
/// The program, the benchmark and the integration tests all start it through here.
/// </summary>
public sealed class LocalPipeline : IAsyncDisposable
{
    private readonly WebApplication app;

    private LocalPipeline(WebApplication app, EmbeddedKafkaCluster? cluster, KafkaConnection kafka)
    {
        this.app = app;
        Cluster = cluster;
        Kafka = kafka;
    }

    /// <summary>The embedded cluster, when the pipeline runs on it: tests inject faults through it.</summary>
    public EmbeddedKafkaCluster? Cluster { get; }

    public KafkaConnection Kafka { get; }

    public IServiceProvider Services => app.Services;

    public Uri BaseAddress => new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>
    /// Starts the pipeline, step by step: the host and its logging, Kafka, the pipeline's services, the triggers, the
    /// routes, the tables; then serves, and logs where. A step that fails after Kafka's stops what those before it started.
    /// </summary>
    public static async Task<LocalPipeline> StartAsync(string[] args, LocalPipelineOptions options, CancellationToken cancellationToken = default)
    {
        var builder = CreateHostBuilder(args, options);
        var settings = builder.Configuration;
        var kafka = await LocalKafka.StartAsync(settings, options);

        WebApplication? app = null;
        try
        {
            var runFunctions = settings.GetValue("RunFunctions", options.RunFunctions);
            var groupProtocol = kafka.GroupProtocolFor(settings);
            AddPipelineServices(builder, kafka.Connection, groupProtocol, runFunctions, options);
            AddTriggerServices(builder, kafka.Connection, groupProtocol, runFunctions, options);
            builder.Services.AddProblemDetails();
            app = builder.Build();
            MapRoutes(app, runFunctions);
            await EnsureTablesAsync(app.Services.GetRequiredService<TableStorage>(), cancellationToken);
            await app.StartAsync(cancellationToken);

            var pipeline = new LocalPipeline(app, kafka.OwnedCluster, kafka.Connection);
            pipeline.LogWhereItServes(kafka);
            return pipeline;
        }
        catch
        {
            // Clients first, then the cluster they talk to, as in DisposeAsync.
            if (app is not null) await app.DisposeAsync();
            kafka.OwnedCluster?.Dispose();
            throw;
        }
    }

    /// <summary>The web host, where it listens, and its logging and telemetry.</summary>
    private static WebApplicationBuilder CreateHostBuilder(string[] args, LocalPipelineOptions options)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls(builder.Configuration["urls"] ?? options.Urls);
        // Per-request logs would cost more than the requests; settings (Logging__LogLevel__...) can raise them again.
        builder.Logging.AddSimpleConsole(console =>
        {
            console.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            console.UseUtcTimestamp = true;
        });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        options.ConfigureLogging?.Invoke(builder.Logging);
        builder.AddLocalTelemetry(options.ConfigureTelemetry);
        return builder;
    }

    /// <summary>The pipeline's own services, as the Functions app registers them, with this host's retries, view rebuilds and tables; and the board.</summary>
    private static void AddPipelineServices(WebApplicationBuilder builder, KafkaConnection kafka, GroupProtocol groupProtocol, bool runFunctions, LocalPipelineOptions options)
    {
        var settings = builder.Configuration;
        builder.Services.AddSingleton(options.RetryPolicy);
        builder.Services.AddSingleton((options.ViewRebuild ?? new ViewRebuildOptions()) with
        {
            RunsBuilds = runFunctions,
            ConfigureConsumer = config => config.GroupProtocol = groupProtocol,
        });
        builder.Services.AddEventFunctionsPipeline(kafka, settings, settings[TableStorage.PrefixSetting] ?? options.TablePrefix, options.ConfigureTables);
        builder.Services.AddOrderBoard();
    }

    /// <summary>The trigger's settings and health; when the host runs the functions, their triggers and the overdue scan.</summary>
    private static void AddTriggerServices(WebApplicationBuilder builder, KafkaConnection kafka, GroupProtocol groupProtocol, bool runFunctions, LocalPipelineOptions options)
    {
        builder.Services.AddSingleton(KafkaTriggerOptions.Read(builder.Configuration, options.ConfigureTrigger));
        builder.Services.AddSingleton<PartitionAssignments>();
        if (!runFunctions) return;
        TriggerSet.Add(builder.Services, kafka, groupProtocol);
        builder.Services.AddHostedService<OverdueOrdersService>();
    }

    /// <summary>The API and the board when the host runs the functions, else the infrastructure's health only; /metrics either way.</summary>
    private static void MapRoutes(WebApplication app, bool runFunctions)
    {
        // Every error answer is problem details: an exception (500, no stack), an unknown route (404), a method a route does not take (405).
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (runFunctions)
        {
            app.UseAdminAlias();
            app.MapPipelineApi();
            app.MapOrderBoard();
        }
        else app.MapInfrastructureHealth();
        app.MapLocalTelemetry();
    }

    private void LogWhereItServes(LocalKafka kafka)
    {
        app.Logger.LogInformation("Kafka bootstrap servers: {BootstrapServers}{Embedded}", kafka.Connection.BrokerList, kafka.Ownership);
        app.Logger.LogInformation("Table Storage: {TableEndpoint}", app.Services.GetRequiredService<TableStorage>().Service.Uri);
        app.Logger.LogInformation("HTTP API: {BaseAddress}api", BaseAddress);
        app.Logger.LogInformation("Order board: {BaseAddress} (metrics: {BaseAddress}{Metrics})", BaseAddress, BaseAddress, LocalTelemetry.MetricsPath.TrimStart('/'));
    }

    private static async Task EnsureTablesAsync(TableStorage tables, CancellationToken cancellationToken)
    {
        try
        {
            await tables.EnsureCreatedAsync(cancellationToken);
        }
        catch (Exception e) when (StartupFailure.Unreachable(e) is { } reason)
        {
            var endpoint = tables.Service.Uri;
            var advice = endpoint.IsLoopback && endpoint.Port == DevelopmentStoragePort
                ? "start Azurite there (./run.sh starts one when none answers), or point AzureWebJobsStorage at an account this machine reaches"
                : "check AzureWebJobsStorage, and that this machine reaches that account";
            throw new StartupFailure($"Table Storage at {endpoint} is unreachable ({reason}): {advice}.", e);
        }
    }

    /// <summary>Where <c>UseDevelopmentStorage=true</c> finds Azurite's Table service.</summary>
    private const int DevelopmentStoragePort = 10002;

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        // After the consumers and the producer are gone: the cluster must outlive its clients.
        Cluster?.Dispose();
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);
}
