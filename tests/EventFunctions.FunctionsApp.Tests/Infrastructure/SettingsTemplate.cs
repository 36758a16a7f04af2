using System.Text.Json;
using Microsoft.Extensions.Configuration;

namespace EventFunctions.FunctionsApp.Tests.Infrastructure;

/// <summary>The repository's local.settings.sample.json, the template users copy to local.settings.json.</summary>
public static class SettingsTemplate
{
    public static IReadOnlyDictionary<string, string?> Values { get; } = Read();

    /// <summary>The template as the worker would see it, with <paramref name="overrides"/> on top.</summary>
    public static IConfiguration Configuration(params (string Key, string Value)[] overrides) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(Values)
            .AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)))
            .Build();

    private static Dictionary<string, string?> Read()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "local.settings.sample.json"));
        using var json = JsonDocument.Parse(file);
        return json.RootElement.GetProperty("Values").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
    }
}
