using System.Text.RegularExpressions;
using EventFunctions.Contracts.Events;

namespace EventFunctions.Contracts.Versions;

/// <summary>
/// Which version of its schema each event type is written in, and the name of that schema: the CloudEvents
/// <c>dataschema</c> a record carries (<c>ce_dataschema</c>), <c>urn:eventfunctions:schema:&lt;type&gt;:v&lt;N&gt;</c>. A URN names
/// the schema without pretending to locate it: its file is <c>schemas/&lt;type&gt;/v&lt;N&gt;.schema.json</c> in this repository.
/// </summary>
public static partial class EventSchemas
{
    private const string UrnPrefix = "urn:eventfunctions:schema:";

    /// <summary>A record with no <c>ce_dataschema</c> was written before versions existed: it is v1.</summary>
    public const int Unversioned = 1;

    // Only the types whose schema changed are listed; every other type is at v1. v2: amounts carry their currency.
    private static readonly IReadOnlyDictionary<Type, int> Current = new Dictionary<Type, int>
    {
        [typeof(OrderPlaced)] = 2,
        [typeof(OrderValidated)] = 2,
        [typeof(PaymentCaptured)] = 2,
        [typeof(StockUnavailable)] = 2,
        [typeof(PaymentRefunded)] = 2,
        [typeof(RefundFailed)] = 2,
    };

    public static int CurrentVersionOf(Type type) => Current.GetValueOrDefault(type, Unversioned);

    public static string UriOf(string typeName, int version) => $"{UrnPrefix}{typeName}:v{version}";

    public static string CurrentUriOf(Type type) => UriOf(EventTypes.NameOf(type), CurrentVersionOf(type));

    /// <summary>The schema file of a version, relative to the repository's root.</summary>
    public static string FileOf(string typeName, int version) => $"schemas/{typeName}/v{version}.schema.json";

    /// <summary>The version <paramref name="dataSchema"/> names for <paramref name="typeName"/>, or null when it names another type's schema or none of ours.</summary>
    public static int? VersionIn(string dataSchema, string typeName) =>
        UriPattern().Match(dataSchema) is { Success: true } match && match.Groups["type"].Value == typeName
            && int.TryParse(match.Groups["version"].Value, out var version) && version >= 1
                ? version
                : null;

    [GeneratedRegex(@"^urn:eventfunctions:schema:(?<type>[A-Za-z0-9.]+):v(?<version>[0-9]{1,4})$")]
    private static partial Regex UriPattern();
}
