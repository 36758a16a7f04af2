using System.Text;
using System.Text.Json;
using EventFunctions.Contracts;
using EventFunctions.FunctionsApp.Http;
using EventFunctions.FunctionsApp.Tests.Infrastructure;
using EventFunctions.Messaging;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace EventFunctions.FunctionsApp.Tests.Adapter;

/// <summary>The app's HTTP functions, called in process as the ASP.NET Core integration would, answering through the shared API.</summary>
[Collection(AppCollection.Name)]
[Trait("Category", "Integration")]
public sealed class HttpTriggerTests(AppFixture app)
{
    private OrdersHttpTriggers Http => ActivatorUtilities.CreateInstance<OrdersHttpTriggers>(app.Services);

    [Fact]
    public async Task An_invalid_order_is_a_problem_naming_each_field_at_fault()
    {
        var context = Request("""{"customerId": "erin", "lines": [{"sku": "pen", "quantity": 0}]}""");

        var (status, body) = await ExecuteAsync(await Http.PlaceOrder(context.Request, CancellationToken.None), context);

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal(["lines[0].quantity", "paymentToken"], body.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task A_valid_order_is_accepted_once_its_event_is_on_Kafka()
    {
        var orderId = TestIds.Order("fa-http");
        var context = Request($$"""{"orderId": "{{orderId}}", "customerId": "erin", "lines": [{"sku": "pen", "quantity": 1}], "paymentToken": "tok_visa"}""");

        var (status, _) = await ExecuteAsync(await Http.PlaceOrder(context.Request, CancellationToken.None), context);

        Assert.Equal(StatusCodes.Status202Accepted, status);
        Assert.Equal($"/api/orders/{orderId}", context.Response.Headers.Location.ToString());
        var placed = Assert.Single(app.Kafka.ReadAll(Topics.OrdersPlaced), r => Encoding.UTF8.GetString(r.Message.Key) == orderId);
        Assert.Equal(DeterministicId.For(EventFunctions.Orders.Intake.OrdersApi.Emitter, orderId),
            Encoding.UTF8.GetString(placed.Message.Headers.GetLastBytes(CloudEventHeaders.Id)));
    }

    [Fact]
    public async Task A_bad_query_is_a_problem_and_an_unknown_order_is_not_found()
    {
        var badQuery = Request(query: "?afterVersion=two");
        var unknown = Request();

        var (badStatus, badBody) = await ExecuteAsync(await Http.GetOrder(badQuery.Request, "o-1", CancellationToken.None), badQuery);
        var (unknownStatus, _) = await ExecuteAsync(await Http.GetOrder(unknown.Request, TestIds.Order("fa-nobody"), CancellationToken.None), unknown);

        Assert.Equal(StatusCodes.Status400BadRequest, badStatus);
        Assert.True(badBody.RootElement.GetProperty("errors").TryGetProperty("afterVersion", out _));
        Assert.Equal(StatusCodes.Status404NotFound, unknownStatus);
    }

    private DefaultHttpContext Request(string body = "", string query = "")
    {
        var context = new DefaultHttpContext { RequestServices = app.Services };
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(body));
        context.Request.ContentType = "application/json";
        context.Request.QueryString = new QueryString(query);
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static async Task<(int Status, JsonDocument Body)> ExecuteAsync(IResult result, HttpContext context)
    {
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return (context.Response.StatusCode, JsonDocument.Parse(text.Length == 0 ? "{}" : text));
    }
}
