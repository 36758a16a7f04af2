using System.Text.Json.Nodes;
using EventFunctions.Contracts.Versions;

namespace EventFunctions.UnitTests.EventContracts;

/// <summary>The compatibility rule over small schema pairs: what a reader of today can and cannot absorb from a committed schema.</summary>
public class SchemaCompatibilityTests
{
    private static readonly JsonNode Committed = Schema("""
        {"type": "object",
         "properties": {
           "orderId": {"type": "string"},
           "note": {"type": ["string", "null"]},
           "lines": {"type": "array", "items": {"type": "object",
             "properties": {"sku": {"type": "string"}, "quantity": {"type": "integer"}}, "required": ["sku", "quantity"]}}},
         "required": ["orderId", "lines"]}
        """);

    private static JsonNode Schema(string json) => JsonNode.Parse(json)!;

    /// <summary>The committed schema with one change made by <paramref name="change"/>.</summary>
    private static JsonNode Changed(Action<JsonObject> change)
    {
        var schema = Committed.DeepClone().AsObject();
        change(schema);
        return schema;
    }

    private static JsonObject Properties(JsonNode schema) => schema["properties"]!.AsObject();

    private static JsonObject LineProperties(JsonNode schema) => schema["properties"]!["lines"]!["items"]!["properties"]!.AsObject();

    [Fact]
    public void The_same_schema_is_compatible() =>
        Assert.Empty(SchemaCompatibility.Breaks(Committed, Committed.DeepClone()));

    [Fact]
    public void A_new_optional_field_is_compatible() =>
        Assert.Empty(SchemaCompatibility.Breaks(Committed, Changed(s => Properties(s)["currency"] = Schema("""{"type": "string", "default": "EUR"}"""))));

    [Fact]
    public void A_new_optional_field_in_a_nested_object_is_compatible() =>
        Assert.Empty(SchemaCompatibility.Breaks(Committed, Changed(s => LineProperties(s)["unit"] = Schema("""{"type": "string"}"""))));

    [Fact]
    public void A_removed_field_breaks() =>
        Assert.Equal(["note: removed or renamed"], Breaks(s => Properties(s).Remove("note")));

    [Fact]
    public void A_renamed_field_breaks_as_removed_even_when_the_new_name_is_optional() =>
        Assert.Equal(["note: removed or renamed"], Breaks(s =>
        {
            Properties(s).Remove("note");
            Properties(s)["comment"] = Schema("""{"type": ["string", "null"]}""");
        }));

    [Fact]
    public void A_retyped_field_breaks() =>
        Assert.Equal(["orderId: retyped from string to integer"], Breaks(s => Properties(s)["orderId"] = Schema("""{"type": "integer"}""")));

    [Fact]
    public void A_nullable_field_made_non_nullable_breaks_as_retyped() =>
        Assert.Equal(["note: retyped from null or string to string"], Breaks(s => Properties(s)["note"] = Schema("""{"type": "string"}""")));

    [Fact]
    public void An_optional_field_made_required_breaks() =>
        Assert.Equal(["note: made required"], Breaks(s => s["required"]!.AsArray().Add("note")));

    [Fact]
    public void A_new_required_field_breaks() =>
        Assert.Equal(["currency: added as required"], Breaks(s =>
        {
            Properties(s)["currency"] = Schema("""{"type": "string"}""");
            s["required"]!.AsArray().Add("currency");
        }));

    [Fact]
    public void A_change_inside_array_items_breaks_at_its_path() =>
        Assert.Equal(["lines[].sku: removed or renamed", "lines[].quantity: retyped from integer to number"], Breaks(s =>
        {
            LineProperties(s).Remove("sku");
            LineProperties(s)["quantity"] = Schema("""{"type": "number"}""");
        }));

    [Fact]
    public void A_required_field_made_optional_is_compatible() =>
        Assert.Empty(SchemaCompatibility.Breaks(Committed, Changed(s => s["required"] = new JsonArray("orderId"))));

    [Fact]
    public void The_advice_names_the_three_ways_out()
    {
        var advice = SchemaCompatibility.Advice("eventfunctions.OrderPlaced", 2);

        Assert.Contains("optional with a default", advice);
        Assert.Contains("introduce v3 (EventSchemas) with an upcaster from v2", advice);
        Assert.Contains("new topic", advice);
    }

    private static string[] Breaks(Action<JsonObject> change) =>
        SchemaCompatibility.Breaks(Committed, Changed(change)).Select(b => b.ToString()).ToArray();
}
