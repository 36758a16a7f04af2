using Microsoft.Playwright;

namespace EventFunctions.BrowserTests;

/// <summary>
/// Headless Chromium from the machine (<c>CHROMIUM_PATH</c>, else Debian's <c>/usr/bin/chromium</c>), started as the
/// machine's browser tests start it: no sandbox (CI runs as root), and none of its background connections, which a
/// closed network refuses.
/// </summary>
public sealed class BoardBrowser : IAsyncDisposable
{
    public const string ChromiumPathVariable = "CHROMIUM_PATH";

    private readonly IPlaywright playwright;

    private BoardBrowser(IPlaywright playwright, IBrowser browser) => (this.playwright, Browser) = (playwright, browser);

    public IBrowser Browser { get; }

    public static async Task<BoardBrowser> LaunchAsync()
    {
        var executable = Environment.GetEnvironmentVariable(ChromiumPathVariable) is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(executable))
            throw new InvalidOperationException($"No Chromium at {executable}: install Debian's chromium package (.ci/run does) or set {ChromiumPathVariable}.");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = executable,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return new BoardBrowser(playwright, browser);
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}
