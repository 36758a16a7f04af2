using EventFunctions.Contracts.Events;

namespace EventFunctions.Contracts;

/// <summary>The CloudEvents <c>type</c> of each event record, and back.</summary>
public static class EventTypes
{
    private const string Prefix = "eventfunctions.";

    private static readonly IReadOnlyDictionary<string, Type> ByName =
        Topics.All.SelectMany(t => t.EventTypes).ToDictionary(NameOf);

    public static string NameOf(Type type) => Prefix + type.Name;

    public static string NameOf(IOrderEvent @event) => NameOf(@event.GetType());

    public static Type? Find(string name) => ByName.GetValueOrDefault(name);
}
