using Microsoft.Extensions.Configuration;

namespace EventFunctions.Operations;

/// <summary>When an order counts as overdue, and how often the overdue scan runs; settings of the same names override them.</summary>
public sealed record OperationsOptions
{
    public const string OrderDeadlineSetting = "OrderDeadline";
    public const string OverdueScanIntervalSetting = "OverdueScanInterval";

    /// <summary>
    /// How long an order may take from placed to final before it is reported. An order normally takes seconds; five
    /// minutes is past any retry of a brief fault, and short enough for a person to act the same hour.
    /// </summary>
    public TimeSpan OrderDeadline { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How often the local host scans for overdue orders (the Functions app scans every minute, on its timer).</summary>
    public TimeSpan OverdueScanInterval { get; init; } = TimeSpan.FromMinutes(1);

    public static OperationsOptions FromSettings(IConfiguration settings)
    {
        var defaults = new OperationsOptions();
        return new OperationsOptions
        {
            OrderDeadline = TimeOf(settings, OrderDeadlineSetting) ?? defaults.OrderDeadline,
            OverdueScanInterval = TimeOf(settings, OverdueScanIntervalSetting) ?? defaults.OverdueScanInterval,
        };
    }

    private static TimeSpan? TimeOf(IConfiguration settings, string name) => settings[name] switch
    {
        null or "" => null,
        var text when TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > TimeSpan.Zero => value,
        var text => throw new InvalidSettingException(name, $"a positive time span such as 00:05:00, not '{text}'"),
    };
}
