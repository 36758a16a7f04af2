using System.Diagnostics;

namespace EventFunctions.TestKit;

/// <summary>Waits on a condition with a timeout: what tests do instead of sleeping.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        var pause = TimeSpan.FromMilliseconds(20);
        while (!await condition())
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"Timed out after {timeout} waiting until {what}.");
            await Task.Delay(pause);
            pause = TimeSpan.FromMilliseconds(Math.Min(500, pause.TotalMilliseconds * 2));
        }
    }

    /// <summary>The same, for a condition that needs no I/O.</summary>
    public static Task TrueAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        TrueAsync(() => Task.FromResult(condition()), timeout, what);
}
