using System.Diagnostics;

namespace EventFunctions.IntegrationTests.Benchmark;

/// <summary>The benchmark as a user starts it: <c>./run.sh bench …</c>, its own program as a process, on a pipeline of its own.</summary>
[Trait("Category", "Integration")]
public sealed class BenchmarkCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_load_on_one_sku_runs_every_order_to_its_final_status()
    {
        var (exitCode, output) = await RunBenchmarkAsync("bench", "--orders", "12", "--concurrency", "4", "--skus", "1");

        Assert.True(exitCode == 0, output);
        // Twelve orders of one hot sku, stocked for all of them: every one confirmed.
        Assert.Contains("orders:                12 (12 Confirmed)", output);
    }

    [Fact]
    public async Task An_option_it_cannot_take_is_refused_in_the_local_hosts_words()
    {
        var (exitCode, output) = await RunBenchmarkAsync("bench", "--orders", "0");

        Assert.Equal(2, exitCode);
        Assert.StartsWith("run.sh: --orders takes a whole number of at least 1, not '0'", output);
    }

    private static async Task<(int ExitCode, string Output)> RunBenchmarkAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EventFunctions.Benchmark.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"./run.sh {string.Join(' ', args)} did not finish within {Patience}:\n{await output}{await errors}");
        }
        return (process.ExitCode, await output + await errors);
    }
}
