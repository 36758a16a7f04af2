using System.Text.Json.Nodes;

namespace EventFunctions.FunctionsApp.Tests.Metadata;

/// <summary>
/// The two places the Functions host learns the app's functions from, both written by the real Worker.Sdk: with
/// worker indexing (worker.config.json says so, and the host asks the running worker) the source-generated
/// <c>GeneratedFunctionMetadataProvider</c> answers; otherwise the host reads <c>functions.metadata</c>.
/// </summary>
public static class MetadataSources
{
    public const string MetadataFile = "functions.metadata";
    public const string WorkerIndexing = "worker indexing";

    public static TheoryData<string> Both => new() { MetadataFile, WorkerIndexing };

    public static IReadOnlyList<DeclaredFunction> Read(string source) => source switch
    {
        MetadataFile => FromMetadataFile.Value,
        WorkerIndexing => FromWorkerIndexing.Value,
        _ => throw new ArgumentOutOfRangeException(nameof(source), source, null),
    };

    private static readonly Lazy<IReadOnlyList<DeclaredFunction>> FromMetadataFile = new(() =>
        JsonNode.Parse(File.ReadAllText(BuildOutput.FunctionsMetadataPath))!.AsArray()
            .Select(f => new DeclaredFunction(
                (string)f!["name"]!, (string)f["entryPoint"]!, (string)f["scriptFile"]!, (string)f["language"]!,
                f["bindings"]!.AsArray().Select(b => b!.AsObject()).ToList()))
            .ToList());

    private static readonly Lazy<IReadOnlyList<DeclaredFunction>> FromWorkerIndexing = new(() =>
        new GeneratedFunctionMetadataProvider().GetFunctionMetadataAsync(AppContext.BaseDirectory).GetAwaiter().GetResult()
            .Select(f => new DeclaredFunction(
                f.Name!, f.EntryPoint!, f.ScriptFile!, f.Language!,
                f.RawBindings!.Select(b => JsonNode.Parse(b)!.AsObject()).ToList()))
            .ToList());
}
