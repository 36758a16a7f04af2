using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using EventFunctions.Http;
using EventFunctions.IntegrationTests.Infrastructure;
using FsCheck;
using FsCheck.Fluent;

namespace EventFunctions.IntegrationTests.Api;

/// <summary>
/// A property of the API, over requests generated up to and past every documented limit: a request is accepted
/// exactly when it keeps every rule, a refusal is problem details naming the field at fault, and every accepted
/// order then reaches a final status: nothing the API accepts fails later for its size or range.
/// </summary>
[Collection(PipelineCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AcceptedOrdersFinishTests(PipelineFixture pipeline)
{
    private const string IdCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._:-";
    private const string TokenCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";
    private static readonly string[] Stocked = Enumerable.Range(0, 8).Select(i => $"prop-sku-{i}").ToArray();
    private static int next;

    [Fact]
    public async Task Accepted_exactly_when_within_every_limit_refused_naming_the_field_and_every_accepted_order_ends_final()
    {
        foreach (var sku in Stocked) await pipeline.StockAsync(sku, 1_000_000, 1_000_000m);
        var accepted = new List<string>();
        var refusals = new Dictionary<HttpStatusCode, int>();

        var property = Prop.ForAll(Requests().ToArbitrary(), request =>
        {
            var (status, body) = PostAsync(request).GetAwaiter().GetResult();
            if (status == HttpStatusCode.Accepted)
            {
                accepted.Add(JsonNode.Parse(body)!["orderId"]!.GetValue<string>());
                return request.IsValid;
            }
            refusals[status] = refusals.GetValueOrDefault(status) + 1;
            return !request.IsValid && NamesTheFault(status, body, request);
        });
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(200), property);

        Assert.True(accepted.Count >= 20, $"only {accepted.Count} accepted");
        Assert.True(refusals.Values.Sum() >= 20, $"only {refusals.Values.Sum()} refused");
        var views = await Task.WhenAll(accepted.Select(pipeline.FinalViewAsync));
        Assert.All(views, v => Assert.True(v.IsComplete, v.OrderId));
    }

    /// <summary>400 names a field of the request (or the body) among its errors; 413 says how large a body may be.</summary>
    private static bool NamesTheFault(HttpStatusCode status, string body, GeneratedOrder request) => status switch
    {
        HttpStatusCode.BadRequest => JsonNode.Parse(body)?["errors"] is JsonObject errors && errors.Count > 0
            && errors.All(e => e.Key == "body" || request.Fields.Any(f => e.Key == f || e.Key.StartsWith(f + "[", StringComparison.Ordinal))),
        HttpStatusCode.RequestEntityTooLarge => body.Contains(ApiLimits.MaxBodyBytes.ToString()),
        _ => false,
    };

    private async Task<(HttpStatusCode, string)> PostAsync(GeneratedOrder request)
    {
        var response = await pipeline.Http.PostAsync("/api/orders", new StringContent(request.Json, Encoding.UTF8, "application/json"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static Gen<GeneratedOrder> Requests() =>
        from orderId in Gen.Frequency((3, Gen.Constant<string?>(null)), (5, UniqueId()), (1, BadId()))
        from customerId in Gen.Frequency((6, Id(1, 64)), (1, BadId()), (1, Gen.Constant<string?>(null)))
        from token in Gen.Frequency((6, Gen.Elements<string?>("tok_visa", "tok_mastercard", "tok_chargeDeclined", "tok_refundFail")),
            (2, Text(TokenCharacters, 1, 128)), (1, Text(TokenCharacters, 129, 140)), (1, Gen.Elements<string?>("", "tok visa", "tök", null)))
        from lines in Gen.Frequency((8, Gen.Choose(1, 3)), (1, Gen.Choose(48, 52)), (1, Gen.Constant(0))).SelectMany(n => Gen.ListOf(Line(), n))
        from padding in Gen.Frequency((9, Gen.Constant(0)), (1, Gen.Choose(ApiLimits.MaxBodyBytes - 600, ApiLimits.MaxBodyBytes + 100)))
        select new GeneratedOrder(orderId, customerId, token, lines.ToList(), padding);

    private static Gen<(string? Sku, int? Quantity)> Line() =>
        from sku in Gen.Frequency((8, Gen.Elements<string?>(Stocked)), (1, Id(1, 64)), (1, BadId()))
        from quantity in Gen.Frequency((8, Gen.Choose(1, 1000).Select(q => (int?)q)), (1, Gen.Elements<int?>(0, -1, 1001, int.MaxValue)), (1, Gen.Constant<int?>(null)))
        select (sku, quantity);

    /// <summary>A valid order id of any allowed length, unique across the run, so no two cases share one.</summary>
    private static Gen<string?> UniqueId() =>
        Id(10, 64).Select(id => (string?)($"{Interlocked.Increment(ref next):x8}-" + id![9..]));

    private static Gen<string?> Id(int min, int max) => Text(IdCharacters, min, max);

    private static Gen<string?> BadId() =>
        Gen.Frequency((2, Text(IdCharacters, 65, 80)), (1, Gen.Elements<string?>("", "a/b", "a b", "a#b", "é", "a\u0000b")));

    private static Gen<string?> Text(string characters, int min, int max) =>
        from length in Gen.Choose(min, max)
        from chars in Gen.ArrayOf(Gen.Elements(characters.ToCharArray()), length)
        select (string?)new string(chars);

    /// <summary>A generated request, its JSON, and whether the documented rules accept it: an oracle written from docs/api.md, not from the code.</summary>
    private sealed record GeneratedOrder(string? OrderId, string? CustomerId, string? PaymentToken, IReadOnlyList<(string? Sku, int? Quantity)> Lines, int Padding)
    {
        public string Json
        {
            get
            {
                var body = new JsonObject
                {
                    ["customerId"] = CustomerId,
                    ["paymentToken"] = PaymentToken,
                    ["lines"] = new JsonArray(Lines.Select(l => (JsonNode)new JsonObject { ["sku"] = l.Sku, ["quantity"] = l.Quantity }).ToArray()),
                };
                if (OrderId is not null) body["orderId"] = OrderId;
                return body.ToJsonString() + new string(' ', Padding);
            }
        }

        public IEnumerable<string> Fields => ["orderId", "customerId", "paymentToken", "lines"];

        public bool IsValid =>
            Encoding.UTF8.GetByteCount(Json) <= ApiLimits.MaxBodyBytes
            && (OrderId is null || IsId(OrderId))
            && IsId(CustomerId)
            && PaymentToken is { Length: >= 1 and <= 128 } token && token.All(TokenCharacters.Contains)
            && Lines.Count is >= 1 and <= 50
            && Lines.All(l => IsId(l.Sku) && l.Quantity is >= 1 and <= 1000)
            && Lines.Select(l => l.Sku).Distinct().Count() == Lines.Count;

        private static bool IsId(string? id) => id is { Length: >= 1 and <= 64 } && id.All(IdCharacters.Contains);
    }
}
