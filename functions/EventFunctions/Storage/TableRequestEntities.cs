using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace EventFunctions.Storage;

/// <summary>A partition of Table Storage: a table and a partition key. Azure's per-partition targets apply to each.</summary>
public readonly record struct TablePartition(string Table, string Key)
{
    /// <summary>A request whose partition cannot be told: a query of several partitions whose rows do not name theirs, a table operation.</summary>
    public const string Unknown = "?";
}

/// <summary>
/// Which partition a Table Storage request touches, and how many entities, as Azure's scalability targets count them:
/// each entity read (a point read, each row a query returns) or written (each operation of a transaction). A request
/// that reads nothing (a point read that finds no row, an empty query) still counts one: it is a transaction all the same.
/// Pure: it reads the request's URL and bodies the way the Table REST API lays them out.
/// </summary>
public static partial class TableRequestEntities
{
    /// <summary>
    /// A write: an insert (its key in its body), an update or delete (its key in its URL), or an entity group
    /// transaction (<c>$batch</c>), whose operations all share one partition of one table, as the service requires.
    /// </summary>
    public static (TablePartition Partition, int Entities) Written(Uri uri, ReadOnlySpan<byte> body)
    {
        if (!uri.AbsolutePath.EndsWith("/$batch", StringComparison.Ordinal)) return (PartitionOf(uri.AbsolutePath, body), 1);
        var operations = body.Count("Content-Type: application/http"u8);
        return FirstOperationUrl(body) is { } url ? (PartitionOf(url.AbsolutePath, body), operations) : (new(TablePartition.Unknown, TablePartition.Unknown), operations);
    }

    /// <summary>A read: a point read (its key in its URL) counts one entity; a query, each row it returned in that row's partition.</summary>
    public static IReadOnlyList<(TablePartition Partition, int Entities)> Read(Uri uri, ReadOnlySpan<byte> response)
    {
        var (table, key) = TableAndKey(uri.AbsolutePath);
        if (key is not null) return [(new(table, key), 1)];
        var filtered = FilteredPartition().Match(Uri.UnescapeDataString(uri.Query)) is { Success: true } m ? Unquote(m.Groups["key"].Value) : TablePartition.Unknown;
        var rows = RowsByPartition(response, filtered);
        return rows.Count == 0 ? [(new(table, filtered), 1)] : rows.Select(r => (new TablePartition(table, r.Key), r.Value)).ToList();
    }

    /// <summary>The rows of a query's answer (<c>{"value":[{...},...]}</c>) by their <c>PartitionKey</c>; a row without one (a <c>$select</c> left it out) is in the filter's.</summary>
    private static Dictionary<string, int> RowsByPartition(ReadOnlySpan<byte> response, string filtered)
    {
        var rows = new Dictionary<string, int>();
        try
        {
            var reader = new Utf8JsonReader(response);
            var inValue = false;
            string? key = null;
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName when reader.CurrentDepth == 1:
                        inValue = reader.ValueTextEquals("value"u8);
                        break;
                    case JsonTokenType.StartObject when inValue && reader.CurrentDepth == 2:
                        key = null;
                        break;
                    case JsonTokenType.PropertyName when inValue && reader.CurrentDepth == 3 && reader.ValueTextEquals("PartitionKey"u8):
                        reader.Read();
                        key = reader.GetString();
                        break;
                    case JsonTokenType.EndObject when inValue && reader.CurrentDepth == 2:
                        rows[key ?? filtered] = rows.GetValueOrDefault(key ?? filtered) + 1;
                        break;
                }
            }
        }
        catch (JsonException)
        {
            // Not a query's answer (an error's text): what was counted stands, at least one entity.
        }
        return rows;
    }

    private static TablePartition PartitionOf(string path, ReadOnlySpan<byte> body)
    {
        var (table, key) = TableAndKey(path);
        return new(table, key ?? PartitionKeyIn(body) ?? TablePartition.Unknown);
    }

    /// <summary><c>/account/Table(PartitionKey='p',RowKey='r')</c> (Azurite names the account in the path), <c>/Table</c>, or <c>/Table()</c>.</summary>
    private static (string Table, string? Key) TableAndKey(string path)
    {
        var unescaped = Uri.UnescapeDataString(path);
        var open = unescaped.IndexOf('(');
        var beforeKeys = open < 0 ? unescaped : unescaped[..open];
        var table = beforeKeys[(beforeKeys.LastIndexOf('/') + 1)..];
        var key = open < 0 ? null : KeyInUrl().Match(unescaped, open) is { Success: true } m ? Unquote(m.Groups["key"].Value) : null;
        return (table, key);
    }

    /// <summary>An inserted entity's key, the first <c>"PartitionKey":"…"</c> of the body (a transaction's first insert).</summary>
    private static string? PartitionKeyIn(ReadOnlySpan<byte> body)
    {
        var at = body.IndexOf("\"PartitionKey\":"u8);
        if (at < 0) return null;
        var reader = new Utf8JsonReader(body[(at + "\"PartitionKey\":".Length)..], isFinalBlock: false, default);
        return reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
    }

    /// <summary>A transaction's first operation's URL: the request line (<c>POST http://… HTTP/1.1</c>) after its part's headers.</summary>
    private static Uri? FirstOperationUrl(ReadOnlySpan<byte> body)
    {
        var part = body.IndexOf("Content-Type: application/http"u8);
        if (part < 0) return null;
        var afterHeaders = body[part..].IndexOf("\r\n\r\n"u8);
        if (afterHeaders < 0) return null;
        var request = body[(part + afterHeaders + 4)..];
        var lineEnd = request.IndexOf("\r\n"u8);
        var line = Encoding.UTF8.GetString(lineEnd < 0 ? request : request[..lineEnd]).Split(' ');
        return line.Length >= 2 && Uri.TryCreate(line[1], UriKind.Absolute, out var url) ? url : null;
    }

    private static string Unquote(string quoted) => quoted.Replace("''", "'", StringComparison.Ordinal);

    [GeneratedRegex(@"\(PartitionKey='(?<key>(?:[^']|'')*)'")]
    private static partial Regex KeyInUrl();

    [GeneratedRegex(@"PartitionKey eq '(?<key>(?:[^']|'')*)'")]
    private static partial Regex FilteredPartition();
}
