using System.Text.Json;
using System.Text.Json.Nodes;
using EventFunctions.Infra.Tests.Bicep;

namespace EventFunctions.Infra.Tests.Templates;

/// <summary>
/// The resources infra/main.bicepparam would deploy into one resource group: <c>bicep snapshot</c> compiles the
/// template to ARM JSON and expands it (modules flattened, loops unrolled, names computed), leaving only what Azure
/// decides at deploy time as expressions, which <see cref="Evaluate"/> resolves against an <see cref="AzureModel"/>.
/// </summary>
public sealed class PredictedDeployment
{
    public const string SubscriptionId = "00000000-0000-0000-0000-0000000000a1";
    public const string ResourceGroup = "rg-eventfunctions";

    private PredictedDeployment(JsonObject snapshot, AzureModel azure)
    {
        Resources = snapshot["predictedResources"]!.AsArray().Select(r => r!.AsObject()).ToList();
        Outputs = snapshot["outputs"]!.AsObject();
        Azure = azure;
    }

    public IReadOnlyList<JsonObject> Resources { get; }

    public JsonObject Outputs { get; }

    public AzureModel Azure { get; }

    /// <summary>
    /// Runs <c>bicep snapshot</c> on a copy of infra/ with <paramref name="environment"/> as what main.bicepparam
    /// reads, and <c>bicep build-params</c> for the parameter values (secure ones included) it would pass.
    /// </summary>
    public static PredictedDeployment Of(IReadOnlyDictionary<string, string> environment) =>
        Predict("main.bicepparam", null, environment);

    /// <summary>
    /// main.bicep deployed with <paramref name="parameters"/> (each written as a Bicep value: <c>'Premium'</c>,
    /// <c>4</c>, <c>[{ name: 'http', instanceCount: 1 }]</c>) and every other parameter at its default.
    /// </summary>
    public static PredictedDeployment With(IReadOnlyDictionary<string, string> parameters) =>
        Predict(GivenParameters, ParameterFile(parameters), new Dictionary<string, string>());

    /// <summary>The CLI's attempt to predict that deployment, for parameters it must refuse before anything is deployed.</summary>
    public static BicepRun Attempt(IReadOnlyDictionary<string, string> parameters) =>
        InTemporaryCopy(GivenParameters, ParameterFile(parameters), folder => Snapshot(folder, GivenParameters, new Dictionary<string, string>()));

    private const string GivenParameters = "given.bicepparam";

    private static string ParameterFile(IReadOnlyDictionary<string, string> parameters) =>
        string.Join('\n', parameters.Select(p => $"param {p.Key} = {p.Value}").Prepend("using 'main.bicep'"));

    private static PredictedDeployment Predict(string file, string? content, IReadOnlyDictionary<string, string> environment) =>
        InTemporaryCopy(file, content, folder =>
        {
            var snapshot = Snapshot(folder, file, environment);
            if (snapshot.ExitCode != 0) throw new InvalidOperationException($"bicep snapshot failed: {snapshot}");
            var predicted = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, Path.ChangeExtension(file, ".snapshot.json"))))!.AsObject();
            var diagnostics = predicted["diagnostics"]!.AsArray();
            if (diagnostics.Count > 0) throw new InvalidOperationException($"bicep snapshot reported: {diagnostics.ToJsonString()}");

            return new PredictedDeployment(predicted, new AzureModel(BuiltParameters.Of(folder, environment, file)));
        });

    private static BicepRun Snapshot(string folder, string file, IReadOnlyDictionary<string, string> environment) =>
        BicepCli.Run(folder, environment, "snapshot", file,
            "--subscription-id", SubscriptionId, "--resource-group", ResourceGroup, "--location", "swedencentral");

    /// <summary>Runs <paramref name="work"/> on a copy of infra/ holding <paramref name="file"/> with <paramref name="content"/> (if given).</summary>
    private static T InTemporaryCopy<T>(string file, string? content, Func<string, T> work)
    {
        var folder = InfraDirectory.CopyToTemporaryFolder();
        try
        {
            if (content is not null) File.WriteAllText(Path.Combine(folder, file), content);
            return work(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public IEnumerable<JsonObject> OfType(string type) =>
        Resources.Where(r => string.Equals((string?)r["type"], type, StringComparison.OrdinalIgnoreCase));

    public JsonObject Single(string type) => Assert.Single(OfType(type));

    /// <summary>A template value as Azure would have it once deployed.</summary>
    public string Evaluate(JsonNode? value) => value switch
    {
        null => "",
        JsonValue v when v.TryGetValue<string>(out var s) => ArmExpression.Evaluate(s, Azure),
        _ => value.ToJsonString(),
    };

    /// <summary>Every string in a resource or output, evaluated: what anyone reading it after deployment would see.</summary>
    public IEnumerable<(string Path, string Value)> EvaluatedStrings(JsonNode? node, string path = "$")
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, child) in o)
                foreach (var leaf in EvaluatedStrings(child, $"{path}.{key}")) yield return leaf;
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                foreach (var leaf in EvaluatedStrings(a[i], $"{path}[{i}]")) yield return leaf;
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                yield return (path, Evaluate(v));
                break;
        }
    }

    public static string Name(JsonObject resource) => (string)resource["name"]!;

    public static string Id(JsonObject resource) => (string)resource["id"]!;

    /// <summary>The last segment of a resource's name ("vault/secret" → "secret").</summary>
    public static string ShortName(JsonObject resource) => Name(resource).Split('/')[^1];
}
