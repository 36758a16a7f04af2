using System.Text.RegularExpressions;
using EventFunctions.Processing;
using EventFunctions.TestKit;

namespace EventFunctions.UnitTests.Architecture;

/// <summary>
/// Dependencies between the core's rooms run one way (<see cref="Layers"/>). One assembly enforces nothing by itself,
/// so these read what the compiled code uses (<see cref="TypeReferences"/>) and what the sources import, and name
/// every type or file that points the wrong way.
/// </summary>
public partial class NamespaceDependencyTests
{
    private static readonly Type[] CoreTypes = typeof(EventFunctionRunner).Assembly.GetTypes()
        .Where(t => t.DeclaringType is null && Layers.RoomOf(t.Namespace) is not null)
        .ToArray();

    private static string CoreSources => Path.Combine(RepositoryDirectory.Root, "functions", "EventFunctions");

    [Fact]
    public void Every_room_of_the_core_has_a_layer()
    {
        var unknown = CoreTypes.Select(t => Layers.RoomOf(t.Namespace)!).Distinct().Where(r => Layers.LayerOf(r) < 0).ToList();
        Assert.True(unknown.Count == 0, $"Rooms missing from Layers (and docs/architecture.md): {string.Join(", ", unknown)}");
    }

    [Fact]
    public void No_type_uses_a_room_beside_or_above_its_own()
    {
        var wrong = (from type in CoreTypes
                     from used in TypeReferences.Of(type)
                     let room = Layers.RoomOf(type.Namespace)!
                     let usedRoom = Layers.RoomOf(used.Namespace)
                     where usedRoom is not null && !Layers.MayUse(room, usedRoom)
                     select $"{type.FullName} ({room}) uses {used.FullName} ({usedRoom})").Distinct().Order().ToList();
        Assert.True(wrong.Count == 0, "Against the direction of docs/architecture.md:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void No_source_file_imports_a_room_beside_or_above_its_own()
    {
        // Constants are inlined by the compiler, so only the source shows that one room reads another's.
        var wrong = new List<string>();
        foreach (var file in Directory.EnumerateFiles(CoreSources, "*.cs", SearchOption.AllDirectories).Where(IsSource))
        {
            var text = File.ReadAllText(file);
            var from = Layers.RoomOf(Namespace().Match(text).Groups[1].Value);
            if (from is null) continue;
            foreach (System.Text.RegularExpressions.Match import in Import().Matches(text))
                if (Layers.RoomOf(import.Groups[1].Value) is { } to && !Layers.MayUse(from, to))
                    wrong.Add($"{Path.GetRelativePath(CoreSources, file)} ({from}) imports {import.Groups[1].Value} ({to})");
        }
        Assert.True(wrong.Count == 0, "Against the direction of docs/architecture.md:\n" + string.Join("\n", wrong.Order()));
    }

    [Fact]
    public void The_rooms_depend_on_each_other_in_no_cycle()
    {
        var uses = CoreTypes
            .SelectMany(t => TypeReferences.Of(t).Select(u => (From: Layers.RoomOf(t.Namespace)!, To: Layers.RoomOf(u.Namespace), Type: t, Used: u)))
            .Where(e => e.To is not null && e.From != e.To)
            .ToList();
        var graph = uses.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To!).ToHashSet());
        var cycle = Cycles.Find(graph);
        Assert.True(cycle is null, cycle is null ? "" : "Rooms in a cycle: " + string.Join(" -> ", cycle) + "\n" + string.Join("\n",
            cycle.Zip(cycle.Skip(1)).SelectMany(step => uses.Where(e => e.From == step.First && e.To == step.Second)
                .Select(e => $"{e.Type.FullName} uses {e.Used.FullName}").Distinct().Take(5))));
    }

    private static bool IsSource(string file)
    {
        var relative = Path.GetRelativePath(CoreSources, file).Split(Path.DirectorySeparatorChar)[0];
        return relative is not ("obj" or "bin");
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^using\s+(?:static\s+)?([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex Import();
}
