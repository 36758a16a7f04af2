using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using EventFunctions.IntegrationTests.Infrastructure;

namespace EventFunctions.IntegrationTests.Board;

/// <summary>The board's page as the host serves it, before the browser runs it.</summary>
[Collection(PipelineCollection.Name)]
[Trait("Category", "Integration")]
public sealed partial class BoardPageTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task The_empty_board_shows_commands_that_stock_a_sku_and_place_an_order_on_this_host()
    {
        var page = await pipeline.Http.GetStringAsync("/");
        var origin = pipeline.Http.BaseAddress!.GetLeftPart(UriPartial.Authority);

        var commands = WebUtility.HtmlDecode(FirstOrder().Match(page).Groups["commands"].Value)
            .Replace("{origin}", origin).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(2, commands.Length);
        var answers = new List<HttpStatusCode>();
        foreach (var command in commands)
        {
            var curl = Curl().Match(command);
            Assert.True(curl.Success, $"not a curl command the test can replay: {command}");
            var request = new HttpRequestMessage(new HttpMethod(curl.Groups["method"].Value), curl.Groups["url"].Value)
            {
                Content = new StringContent(curl.Groups["body"].Value, Encoding.UTF8, "application/json"),
            };
            answers.Add((await pipeline.Http.SendAsync(request)).StatusCode);
        }
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Accepted], answers);
    }

    [GeneratedRegex("""<pre id="first-order">(?<commands>[^<]+)</pre>""")]
    private static partial Regex FirstOrder();

    [GeneratedRegex("""^curl -X (?<method>[A-Z]+) (?<url>\S+) -H 'content-type: application/json' -d '(?<body>[^']+)'$""")]
    private static partial Regex Curl();
}
