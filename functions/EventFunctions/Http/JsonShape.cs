using System.Text.Json;

namespace EventFunctions.Http;

/// <summary>
/// The shape a request body must have, checked field by field before it is read into a record, so that each error
/// names its field and the expected kind in the API's own words ("lines[0].quantity must be a whole number"), never a
/// .NET type. A field that is absent or null passes here: whether it is required is validation's to say.
/// </summary>
public abstract record JsonShape
{
    public static readonly JsonShape Text = new Leaf("text", JsonValueKind.String);
    public static readonly JsonShape WholeNumber = new Leaf("a whole number", JsonValueKind.Number,
        e => e.TryGetInt32(out _) ? null : e.TryGetDecimal(out var d) && decimal.Truncate(d) == d ? "is out of range" : "must be a whole number");
    public static readonly JsonShape Number = new Leaf("a number", JsonValueKind.Number, e => e.TryGetDecimal(out _) ? null : "is out of range");
    public static readonly JsonShape TrueOrFalse = new Leaf("true or false", JsonValueKind.True, e => null, JsonValueKind.False);

    public static JsonShape Object(params (string Name, JsonShape Shape)[] fields) => new Fields(fields.ToDictionary(f => f.Name, f => f.Shape));

    public static JsonShape List(JsonShape item) => new Items(item);

    /// <summary>The errors of <paramref name="element"/> against this shape, keyed by the field's path.</summary>
    public Dictionary<string, string[]> Check(JsonElement element)
    {
        var errors = new Dictionary<string, string[]>();
        Check(element, "", errors);
        return errors;
    }

    protected abstract string Expected { get; }

    protected abstract void Check(JsonElement element, string path, Dictionary<string, string[]> errors);

    private static void Fail(Dictionary<string, string[]> errors, string path, string message) =>
        errors[path.Length == 0 ? "body" : path] = [message];

    private static string Name(string path) => path.Length == 0 ? "The body" : path;

    /// <summary>A value of one kind (or two); <paramref name="Misfit"/> says what is wrong with one of that kind that still does not fit.</summary>
    private sealed record Leaf(string Kind, JsonValueKind ValueKind, Func<JsonElement, string?>? Misfit = null, JsonValueKind OrKind = JsonValueKind.Undefined) : JsonShape
    {
        protected override string Expected => Kind;

        protected override void Check(JsonElement element, string path, Dictionary<string, string[]> errors)
        {
            if (element.ValueKind == JsonValueKind.Null) return;
            if (element.ValueKind != ValueKind && element.ValueKind != OrKind) Fail(errors, path, $"{Name(path)} must be {Kind}.");
            else if (Misfit?.Invoke(element) is { } problem) Fail(errors, path, $"{Name(path)} {problem}.");
        }
    }

    private sealed record Fields(IReadOnlyDictionary<string, JsonShape> Known) : JsonShape
    {
        protected override string Expected => "an object";

        protected override void Check(JsonElement element, string path, Dictionary<string, string[]> errors)
        {
            if (element.ValueKind == JsonValueKind.Null) return;
            if (element.ValueKind != JsonValueKind.Object)
            {
                Fail(errors, path, $"{Name(path)} must be an object with {string.Join(", ", Known.Keys)}.");
                return;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var at = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                // JSON parsers disagree on which of two values wins (System.Text.Json keeps the last, others the first),
                // so a field given twice is ambiguous: refused, never silently read one way.
                if (!seen.Add(property.Name)) Fail(errors, at, $"{at} is given more than once; give each field once.");
                else if (Known.TryGetValue(property.Name, out var shape)) shape.Check(property.Value, at, errors);
                else Fail(errors, at, $"{at} is not a field of this request; its fields are {string.Join(", ", Known.Keys)}.");
            }
        }
    }

    private sealed record Items(JsonShape Item) : JsonShape
    {
        protected override string Expected => "a list";

        protected override void Check(JsonElement element, string path, Dictionary<string, string[]> errors)
        {
            if (element.ValueKind == JsonValueKind.Null) return;
            if (element.ValueKind != JsonValueKind.Array)
            {
                Fail(errors, path, $"{Name(path)} must be a list, each item {Item.Expected}.");
                return;
            }
            var index = 0;
            foreach (var item in element.EnumerateArray()) Item.Check(item, $"{path}[{index++}]", errors);
        }
    }
}
