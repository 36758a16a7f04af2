using System.Reflection;

namespace EventFunctions.Infra.Tests.Bicep;

/// <summary>The repository's infra/ folder.</summary>
public static class InfraDirectory
{
    public static string Path { get; } = typeof(InfraDirectory).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "InfraDirectory").Value!;

    /// <summary>Every Bicep file, relative to infra/ (main.bicep and every module).</summary>
    public static IReadOnlyList<string> BicepFiles { get; } = Directory
        .EnumerateFiles(Path, "*.bicep", SearchOption.AllDirectories)
        .Select(f => System.IO.Path.GetRelativePath(Path, f))
        .Order(StringComparer.Ordinal)
        .ToList();

    public static string Read(string relativePath) => File.ReadAllText(System.IO.Path.Combine(Path, relativePath));

    /// <summary>A copy of infra/ in a new temporary folder, for commands that write beside their input (bicep snapshot).</summary>
    public static string CopyToTemporaryFolder()
    {
        var copy = Directory.CreateTempSubdirectory("eventfunctions-infra-").FullName;
        foreach (var file in Directory.EnumerateFiles(Path, "*", SearchOption.AllDirectories))
        {
            var target = System.IO.Path.Combine(copy, System.IO.Path.GetRelativePath(Path, file));
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }
}
