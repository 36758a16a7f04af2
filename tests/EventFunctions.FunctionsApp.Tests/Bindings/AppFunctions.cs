using System.Reflection;
using System.Text.RegularExpressions;
using EventFunctions.FunctionsApp.Kafka;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.FunctionsApp.Tests.Bindings;

/// <summary>The compiled app's functions, as the worker's metadata generator sees them: [Function] methods and their trigger attributes.</summary>
public static partial class AppFunctions
{
    public static Assembly Assembly => typeof(KafkaTriggers).Assembly;

    public static IReadOnlyList<MethodInfo> All { get; } = Assembly.GetTypes()
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
        .Where(m => m.GetCustomAttribute<FunctionAttribute>() is not null)
        .ToList();

    public static string NameOf(MethodInfo method) => method.GetCustomAttribute<FunctionAttribute>()!.Name;

    public static IReadOnlyList<(MethodInfo Method, ParameterInfo Parameter, T Trigger)> WithTrigger<T>() where T : Attribute =>
        All.SelectMany(m => m.GetParameters().Select(p => (Method: m, Parameter: p, Trigger: p.GetCustomAttribute<T>())))
            .Where(x => x.Trigger is not null)
            .Select(x => (x.Method, x.Parameter, x.Trigger!))
            .ToList();

    /// <summary>Every app setting the trigger attributes name: the Kafka connection properties and <c>%Name%</c> expressions.</summary>
    public static IReadOnlyList<string> SettingsNamedByTriggers() =>
        WithTrigger<KafkaTriggerAttribute>()
            .SelectMany(t => new[] { t.Trigger.BrokerList, t.Trigger.Username, t.Trigger.Password }
                .Concat(Expressions(t.Trigger.Topic, t.Trigger.ConsumerGroup)))
            .Concat(WithTrigger<HttpTriggerAttribute>().SelectMany(t => Expressions(t.Trigger.Route)))
            .OfType<string>()
            .Distinct()
            .ToList();

    private static IEnumerable<string> Expressions(params string?[] values) =>
        values.OfType<string>().SelectMany(v => SettingExpression().Matches(v).Select(m => m.Groups[1].Value));

    [GeneratedRegex("%([^%]+)%")]
    private static partial Regex SettingExpression();
}
