namespace EventFunctions.UnitTests.Architecture;

/// <summary>
/// The rooms of the core (the top-level namespaces under <c>EventFunctions</c>), lowest first, as
/// docs/architecture.md ("Dependencies run one way") states them. A room may use the rooms of the layers below its
/// own, never one beside it or above it. The root namespace itself (<c>EventFunctions</c>) sits with the contracts.
/// </summary>
public static class Layers
{
    public const string Root = "(root)";

    public static readonly IReadOnlyList<string[]> LowestFirst =
    [
        [Root, "Contracts"],
        ["Telemetry"],
        ["Messaging", "Storage"],
        ["Processing"],
        ["Http"],
        ["Orders", "ReadSide"],
        ["Operations"],
        ["Hosting"],
    ];

    /// <summary>The room of a namespace: <c>EventFunctions.Orders.ValidateOrder</c> is in <c>Orders</c>; null outside the core's namespaces.</summary>
    public static string? RoomOf(string? ns) =>
        ns == "EventFunctions" ? Root
        : ns is not null && ns.StartsWith("EventFunctions.", StringComparison.Ordinal) ? ns["EventFunctions.".Length..].Split('.')[0]
        : null;

    /// <summary>The layer of a room; -1 for a room the list does not know, which the tests refuse too.</summary>
    public static int LayerOf(string room)
    {
        for (var i = 0; i < LowestFirst.Count; i++)
            if (LowestFirst[i].Contains(room)) return i;
        return -1;
    }

    public static bool MayUse(string from, string to) => from == to || LayerOf(to) < LayerOf(from);
}
