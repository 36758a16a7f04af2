using System.Net;
using System.Net.Http.Json;
using EventFunctions.LocalHost;
using EventFunctions.Orders.Intake;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace EventFunctions.BrowserTests;

/// <summary>
/// Opens the board in headless Chromium, places orders through the API and watches them appear and reach their final
/// statuses on the page, pushed by the server, without a reload. The last screenshot is the README's.
/// </summary>
public sealed class OrderBoardPageTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Set to a path (e.g. docs/images/order-board.png) to keep the screenshot there; else it stays beside the test.</summary>
    public const string ScreenshotVariable = "BOARD_SCREENSHOT";

    private LocalPipeline pipeline = null!;
    private HttpClient http = null!;
    private BoardBrowser browser = null!;

    public async Task InitializeAsync()
    {
        pipeline = await LocalPipeline.StartAsync([], new LocalPipelineOptions { Urls = "http://127.0.0.1:0", TablePrefix = TestIds.TablePrefix("ui") });
        http = new HttpClient { BaseAddress = pipeline.BaseAddress };
        await Eventually.TrueAsync(async () => (await http.GetAsync("/api/health")).IsSuccessStatusCode, Patience, "every consumer holds partitions");
        browser = await BoardBrowser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await browser.DisposeAsync();
        http.Dispose();
        await pipeline.DisposeAsync();
    }

    private async Task PlaceAsync(string orderId, string customerId, string token, string sku, int quantity)
    {
        var response = await http.PostAsJsonAsync("/api/orders", TestOrders.Place(orderId).By(customerId).Line(sku, quantity).PaidWith(token).Build());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Orders_placed_through_the_API_appear_on_the_open_board_and_reach_their_final_statuses_without_a_reload()
    {
        foreach (var (sku, quantity, price) in new[] { ("pen", 40, 2.5m), ("ink", 3, 7.25m), ("pad", 100, 4m) })
            (await http.PutAsJsonAsync($"/api/inventory/{sku}", new SetInventoryRequest(quantity, price))).EnsureSuccessStatusCode();
        var page = await browser.Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1440, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, error) => errors.Add(error);
        await page.GotoAsync(pipeline.BaseAddress.ToString());
        await Expect(page.Locator("#connection")).ToHaveAttributeAsync("data-state", "live", new() { Timeout = (float)Patience.TotalMilliseconds });
        // A marker on the window: a reload would lose it.
        await page.EvaluateAsync("window.notReloaded = true");

        var expected = new Dictionary<string, string>();
        var customers = new[] { "alice", "bob", "chen", "dana", "eve" };
        for (var i = 1; i <= 16; i++)
        {
            var (token, sku, quantity, status) = (i % 8) switch
            {
                3 => ("tok_chargeDeclined", "pen", 1, "PaymentDeclined"),
                5 => ("tok_visa", "nope", 1, "Rejected"),
                7 => ("tok_visa", "ink", 4, "Cancelled"),
                _ => ("tok_visa", i % 2 == 0 ? "pad" : "pen", 1 + i % 3, "Confirmed"),
            };
            var orderId = TestIds.Order($"ui-{i:D2}");
            await PlaceAsync(orderId, customers[i % customers.Length], token, sku, quantity);
            expected[orderId] = status;
        }

        foreach (var (orderId, status) in expected)
        {
            var row = page.Locator($"tr[data-order-id='{orderId}']");
            await Expect(row).ToHaveAttributeAsync("data-status", status, new() { Timeout = (float)Patience.TotalMilliseconds });
            await Expect(row).ToHaveAttributeAsync("data-complete", "true", new() { Timeout = (float)Patience.TotalMilliseconds });
        }
        foreach (var (status, count) in expected.Values.GroupBy(s => s).Select(g => (g.Key, g.Count())))
            await Expect(page.Locator($"[data-count-status='{status}']")).ToHaveTextAsync(count.ToString(), new() { Timeout = (float)Patience.TotalMilliseconds });
        Assert.True(await page.EvaluateAsync<bool>("window.notReloaded === true"), "the page reloaded");

        // One order's timeline: each step by the function that emitted it.
        var confirmed = expected.First(e => e.Value == "Confirmed").Key;
        await page.Locator($"tr[data-order-id='{confirmed}']").ClickAsync();
        await Expect(page.Locator("#timeline .step")).ToHaveCountAsync(4);
        await Expect(page.Locator("#timeline .step .who")).ToHaveTextAsync(["by http-api", "by validate-order", "by process-payment", "by reserve-stock"]);
        Assert.Empty(errors);

        var screenshot = Environment.GetEnvironmentVariable(ScreenshotVariable) is { Length: > 0 } path
            ? Path.GetFullPath(path, RepositoryDirectory.Root)
            : Path.Combine(AppContext.BaseDirectory, "order-board.png");
        await page.Locator("#drawer-close").ClickAsync();
        await Expect(page.Locator("tr.fresh")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot });
        Console.WriteLine($"Board screenshot: {screenshot}");
    }
}
