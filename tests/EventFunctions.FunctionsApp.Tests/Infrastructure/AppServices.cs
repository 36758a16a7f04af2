using EventFunctions.FunctionsApp.Tests.Metadata;
using EventFunctions.Messaging;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace EventFunctions.FunctionsApp.Tests.Infrastructure;

/// <summary>The app's own service registration (what Program.cs calls), over the given settings.</summary>
public static class AppServices
{
    public static ServiceProvider Build(IConfiguration settings) =>
        new ServiceCollection().AddLogging().AddSingleton(settings).AddFunctionsApp(settings).BuildServiceProvider();

    /// <summary>
    /// Resolves from the app built on the settings template, set to the protocol this build's triggers speak (the
    /// app refuses any other); creating services does no I/O.
    /// </summary>
    public static T Resolve<T>() where T : notnull =>
        Build(SettingsTemplate.Configuration((KafkaConnection.SecurityProtocolSetting, BuildOutput.KafkaTriggerProtocol)))
            .GetRequiredService<T>();
}
