using System.Globalization;
using System.Text.Json.Nodes;

namespace EventFunctions.Infra.Tests.Templates;

/// <summary>
/// Evaluates what a deployment snapshot leaves for deploy time: ARM expressions such as
/// <c>[format('{0}secrets/{1}', reference('/subscriptions/…/vaults/kv', '2023-07-01').vaultUri, 'name')]</c>.
/// Only the functions our templates leave behind are known (format, split, concat, reference, listKeys, parameters, tenant);
/// any other fails the test that met it, naming the function. The deploy-time ones ask <see cref="AzureModel"/>.
/// </summary>
public sealed class ArmExpression
{
    private readonly string text;
    private readonly AzureModel azure;
    private int position;

    private ArmExpression(string text, AzureModel azure)
    {
        this.text = text;
        this.azure = azure;
    }

    /// <summary>A template string value as Azure would see it: literals as they are, "[…]" evaluated, "[[" unescaped.</summary>
    public static string Evaluate(string value, AzureModel azure)
    {
        if (!value.StartsWith('[') || !value.EndsWith(']')) return value;
        if (value.StartsWith("[[", StringComparison.Ordinal)) return value[1..];

        var expression = new ArmExpression(value[1..^1], azure);
        var result = expression.Parse();
        expression.SkipSpaces();
        if (expression.position != expression.text.Length)
            throw new FormatException($"Unexpected '{expression.text[expression.position..]}' in {value}");
        return AsString(result);
    }

    private JsonNode? Parse()
    {
        SkipSpaces();
        JsonNode? value = Peek switch
        {
            '\'' => JsonValue.Create(StringLiteral()),
            _ when char.IsAsciiDigit(Peek) || Peek == '-' => JsonValue.Create(Integer()),
            _ => Call(Identifier()),
        };
        while (true)
        {
            if (TryConsume('.')) value = value?[Identifier()];
            else if (TryConsume('['))
            {
                var index = Parse();
                Expect(']');
                value = index is JsonValue v && v.TryGetValue<int>(out var i) ? value?[i] : value?[AsString(index)];
            }
            else return value;
        }
    }

    private JsonNode? Call(string function)
    {
        if (function is "true" or "false") return JsonValue.Create(function == "true");
        Expect('(');
        var arguments = new List<JsonNode?>();
        SkipSpaces();
        if (!TryConsume(')'))
        {
            do arguments.Add(Parse()); while (TryConsume(','));
            Expect(')');
        }
        var strings = arguments.Select(AsString).ToArray();
        return function switch
        {
            "format" => JsonValue.Create(string.Format(CultureInfo.InvariantCulture, strings[0], strings[1..])),
            "concat" => JsonValue.Create(string.Concat(strings)),
            "split" => new JsonArray(strings[0].Split(strings[1]).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray()),
            "reference" => azure.Reference(strings[0]),
            "listKeys" => azure.ListKeys(strings[0]),
            "parameters" => JsonValue.Create(azure.Parameter(strings[0])),
            "tenant" => azure.Tenant(),
            _ => throw new NotSupportedException($"The test's ARM evaluator does not know '{function}()'; teach it, or keep the template simpler."),
        };
    }

    private static string AsString(JsonNode? node) => node switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    private char Peek => position < text.Length ? text[position] : '\0';

    private void SkipSpaces()
    {
        while (char.IsWhiteSpace(Peek)) position++;
    }

    private bool TryConsume(char expected)
    {
        SkipSpaces();
        if (Peek != expected) return false;
        position++;
        return true;
    }

    private void Expect(char expected)
    {
        if (!TryConsume(expected)) throw new FormatException($"Expected '{expected}' at {position} in [{text}]");
    }

    private string Identifier()
    {
        SkipSpaces();
        var start = position;
        while (char.IsAsciiLetterOrDigit(Peek) || Peek == '_') position++;
        if (start == position) throw new FormatException($"Expected a name at {position} in [{text}]");
        return text[start..position];
    }

    private int Integer()
    {
        var start = position;
        if (Peek == '-') position++;
        while (char.IsAsciiDigit(Peek)) position++;
        return int.Parse(text[start..position], CultureInfo.InvariantCulture);
    }

    /// <summary>'…' with '' for a quote.</summary>
    private string StringLiteral()
    {
        Expect('\'');
        var result = new System.Text.StringBuilder();
        while (true)
        {
            if (position >= text.Length) throw new FormatException($"Unterminated string in [{text}]");
            var c = text[position++];
            if (c != '\'') result.Append(c);
            else if (Peek == '\'') { result.Append('\''); position++; }
            else return result.ToString();
        }
    }
}
