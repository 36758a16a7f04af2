namespace EventFunctions.UnitTests.Architecture;

/// <summary>A cycle in a directed graph, found by depth-first search: the nodes in order, the first repeated at the end.</summary>
public static class Cycles
{
    public static IReadOnlyList<string>? Find(IReadOnlyDictionary<string, HashSet<string>> edges)
    {
        var done = new HashSet<string>();
        var path = new List<string>();
        foreach (var start in edges.Keys.Order())
            if (Visit(start, edges, done, path) is { } cycle) return cycle;
        return null;
    }

    private static IReadOnlyList<string>? Visit(string node, IReadOnlyDictionary<string, HashSet<string>> edges, HashSet<string> done, List<string> path)
    {
        if (path.IndexOf(node) is var at and >= 0) return [.. path.Skip(at), node];
        if (!done.Add(node)) return null;
        path.Add(node);
        foreach (var next in edges.GetValueOrDefault(node, []).Order())
            if (Visit(next, edges, done, path) is { } cycle) return cycle;
        path.RemoveAt(path.Count - 1);
        return null;
    }
}
