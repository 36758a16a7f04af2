using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using EventFunctions.Http;
using EventFunctions.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace EventFunctions.IntegrationTests.Api;

/// <summary>The API at its edges, as a careless client or an attacker meets it: every refusal is problem details naming what is wrong.</summary>
[Collection(PipelineCollection.Name)]
[Trait("Category", "Integration")]
public sealed class ApiEdgeTests(PipelineFixture pipeline)
{
    private const string GoodOrder = """{"customerId": "edge", "lines": [{"sku": "pen", "quantity": 1}], "paymentToken": "tok_visa"}""";

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData(null)]
    public async Task A_body_that_is_not_JSON_by_its_media_type_is_415(string? mediaType)
    {
        var content = new StringContent(GoodOrder, Encoding.UTF8);
        content.Headers.ContentType = mediaType is null ? null : new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);

        var order = await pipeline.Http.PostAsync("/api/orders", content);
        var stock = await pipeline.Http.PutAsync("/api/inventory/pen", new StringContent("""{"quantity": 1, "unitPrice": 1}""", Encoding.UTF8, mediaType ?? "text/plain"));

        await AssertProblemAsync(order, HttpStatusCode.UnsupportedMediaType, "application/json");
        await AssertProblemAsync(stock, HttpStatusCode.UnsupportedMediaType, "application/json");
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_problem_details_logged_as_the_clients_mistake()
    {
        var huge = new string(' ', ApiLimits.MaxBodyBytes) + GoodOrder;

        var response = await Post(huge);

        await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, ApiLimits.MaxBodyBytes.ToString());
        Assert.DoesNotContain(pipeline.Logs.Entries, e => e.Level >= LogLevel.Error && e.Message.Contains("unhandled", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("""{"customerId": "edge", "lines": [{"sku": "pen", "quantity": "two"}], "paymentToken": "tok_visa"}""", "lines[0].quantity", "lines[0].quantity must be a whole number.")]
    [InlineData("""{"customerId": 7, "lines": [{"sku": "pen", "quantity": 1}], "paymentToken": "tok_visa"}""", "customerId", "customerId must be text.")]
    [InlineData("""{"customerId": "edge", "lines": {"sku": "pen"}, "paymentToken": "tok_visa"}""", "lines", "lines must be a list, each item an object.")]
    [InlineData("""{"customerId": "edge", "lines": [{"sku": "pen", "quantity": 1.5}], "paymentToken": "tok_visa"}""", "lines[0].quantity", "lines[0].quantity must be a whole number.")]
    [InlineData("""{"customerId": "edge", "lines": [{"sku": "pen", "quantity": 30000000000}], "paymentToken": "tok_visa"}""", "lines[0].quantity", "lines[0].quantity is out of range.")]
    [InlineData("""{"customerId": "edge", "lines": [{"sku": "pen", "quantity": 1}], "paymentToken": "tok_visa", "coupon": "x"}""", "coupon", "coupon is not a field of this request")]
    [InlineData("""{"customerId": "edge", "lines": [], "paymentToken": "tok_visa"}""", "lines", "lines must hold at least one line.")]
    [InlineData("""{"customerId": "edge", "lines": [{"sku": "pen", "quantity": 1}], "paymentToken": "tok visa!"}""", "paymentToken", "paymentToken is required: 1 to 128 characters")]
    [InlineData("""["not", "an", "object"]""", "", "The body must be a JSON object")]
    [InlineData("""{"customerId": "edge", """, "", "The body is not valid JSON at line 1")]
    public async Task A_body_of_the_wrong_shape_is_400_naming_the_field_in_the_APIs_words(string body, string field, string message)
    {
        var problem = await AssertProblemAsync(await Post(body), HttpStatusCode.BadRequest, message);

        if (field.Length > 0) Assert.NotNull(problem["errors"]?[field]);
        Assert.DoesNotContain("System.", problem.ToJsonString());
    }

    [Theory]
    [InlineData("/api/orders", "POST", """{"customerId": "ÿ", "lines": [{"sku": "pen", "quantity": 1}], "paymentToken": "tok_visa"}""")]
    [InlineData("/api/orders", "POST", """{"ÿ": "edge", "lines": [{"sku": "pen", "quantity": 1}], "paymentToken": "tok_visa"}""")]
    [InlineData("/api/inventory/pen", "PUT", """{"quantity": 1, "unitPrice": 1, "currency": "ÿ"}""")]
    public async Task A_body_that_is_not_UTF8_is_400_saying_where_and_is_not_a_server_failure(string path, string method, string text)
    {
        // Encoded as Latin-1: ÿ becomes the byte 0xFF, which UTF-8 never uses.
        var body = Encoding.Latin1.GetBytes(text);
        var offset = Array.IndexOf(body, (byte)0xFF);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");

        var response = await pipeline.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = content });

        await AssertProblemAsync(response, HttpStatusCode.BadRequest, $"the byte at offset {offset} (0xFF)");
        Assert.DoesNotContain(pipeline.Logs.Entries, e => e.Level >= LogLevel.Error && e.Message.Contains("unhandled", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("""{"customerId": "edge", "customerId": "mallory", "lines": [{"sku": "pen", "quantity": 1}], "paymentToken": "tok_visa"}""", "customerId")]
    [InlineData("""{"customerId": "edge", "lines": [{"sku": "pen", "quantity": 1, "sku": "ink"}], "paymentToken": "tok_visa"}""", "lines[0].sku")]
    [InlineData("""{"customerId": "edge", "lines": [{"sku": "pen", "quantity": 1}], "paymentToken": "tok_visa", "paymentToken": "tok_visa"}""", "paymentToken")]
    public async Task A_field_given_twice_is_400_naming_it_even_with_the_same_value(string body, string field)
    {
        var problem = await AssertProblemAsync(await Post(body), HttpStatusCode.BadRequest, "given more than once");

        Assert.Contains("given more than once", (string?)problem["errors"]?[field]?[0]);
    }

    [Theory]
    [InlineData("""{"quantity": 100000001, "unitPrice": 1}""", "quantity")]
    [InlineData("""{"quantity": 1, "unitPrice": 0.001}""", "unitPrice")]
    [InlineData("""{"quantity": 1, "unitPrice": 1000000.01}""", "unitPrice")]
    [InlineData("""{"quantity": 1, "unitPrice": 79228162514264337593543950335}""", "unitPrice")]
    public async Task Stock_and_prices_outside_their_ranges_are_refused(string body, string field)
    {
        var response = await pipeline.Http.PutAsync("/api/inventory/edge-sku", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "");
        Assert.NotNull(problem["errors"]?[field]);
    }

    [Theory]
    [InlineData("/api/orders/o-1?waitSeconds=-1", "waitSeconds", "waitSeconds must be a whole number from 0 to 60.")]
    [InlineData("/api/orders/o-1?waitSeconds=61", "waitSeconds", "waitSeconds must be a whole number from 0 to 60.")]
    [InlineData("/api/orders/o-1?afterVersion=-5", "afterVersion", "afterVersion must be a whole number, 0 or more.")]
    [InlineData("/api/orders/a%2Fb", "orderId", "'a/b' is not a valid orderId")]
    [InlineData("/api/customers/a%2Fb/orders", "customerId", "'a/b' is not a valid customerId")]
    [InlineData("/api/inventory/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "sku", "is not a valid sku")]
    public async Task Reads_check_their_ids_and_query_as_writes_do(string path, string field, string message)
    {
        var problem = await AssertProblemAsync(await pipeline.Http.GetAsync(path), HttpStatusCode.BadRequest, message);

        Assert.NotNull(problem["errors"]?[field]);
    }

    [Theory]
    [InlineData("GET", "/api/nowhere", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/orders/o-1", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/api/orders/never-placed-order", HttpStatusCode.NotFound)]
    [InlineData("GET", "/api/administrator/views", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/admin/views", HttpStatusCode.MethodNotAllowed)]
    public async Task Every_other_refusal_has_a_problem_details_body_too(string method, string path, HttpStatusCode status)
    {
        await AssertProblemAsync(await pipeline.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path)), status, "");
    }

    [Theory]
    [InlineData("views")]
    [InlineData("views/orders")]
    [InlineData("orders/overdue")]
    public async Task The_local_host_answers_an_operators_route_under_admin_as_under_operations(string route)
    {
        var direct = await pipeline.Http.GetAsync($"/api/operations/{route}");
        var alias = await pipeline.Http.GetAsync($"/api/admin/{route}");

        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alias.StatusCode);
        var fromDirect = JsonNode.Parse(await direct.Content.ReadAsStringAsync())!.AsObject();
        var fromAlias = JsonNode.Parse(await alias.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal(fromDirect.Select(p => p.Key), fromAlias.Select(p => p.Key));
    }

    private Task<HttpResponseMessage> Post(string body) =>
        pipeline.Http.PostAsync("/api/orders", new StringContent(body, Encoding.UTF8, "application/json"));

    private static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string contains)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(contains, body);
        return JsonNode.Parse(body)!;
    }
}
