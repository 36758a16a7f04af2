using EventFunctions.FunctionsApp.Kafka;
using EventFunctions.FunctionsApp.Storage;
using EventFunctions.FunctionsApp.Telemetry;
using EventFunctions.Hosting;
using EventFunctions.Messaging;
using EventFunctions.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EventFunctions.FunctionsApp;

/// <summary>The app's object graph, apart from the worker itself: Program.cs calls it, and so do the tests.</summary>
public static class FunctionsAppServices
{
    public static IServiceCollection AddFunctionsApp(this IServiceCollection services, IConfiguration settings)
    {
        var kafka = KafkaConnection.FromSettings(settings)
            ?? throw new InvalidOperationException($"Set {KafkaConnection.BrokerListSetting} to the Kafka bootstrap servers (local.settings.json locally, app settings in Azure).");
        TriggerConnection.EnsureMatches(kafka);
        services.AddEventFunctionsPipeline(kafka, settings, settings[TableStorage.PrefixSetting] ?? "");
        services.AddHostedService<PipelineTables>();
        services.AddFunctionsAppTelemetry(settings);
        return services;
    }
}
