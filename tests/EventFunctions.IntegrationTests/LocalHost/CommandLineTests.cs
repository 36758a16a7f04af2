using System.Diagnostics;
using EventFunctions.LocalHost;

namespace EventFunctions.IntegrationTests.LocalHost;

/// <summary>The local host's command line: both forms of a setting, help, and one clear line for what it cannot take.</summary>
public sealed class CommandLineTests
{
    /// <summary>Azurite's well-known development account, at a port where nothing listens.</summary>
    private const string UnreachableStorage = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:9/devstoreaccount1;";

    [Fact]
    public void A_setting_takes_its_value_after_a_space_or_an_equals_sign_and_goes_on_in_one_form()
    {
        var line = CommandLine.Parse(["--urls", "http://127.0.0.1:7072", "bench", "--orders=10", "--KafkaBrokerList", "127.0.0.1:9092"]);

        Assert.Equal("bench", line.Command);
        Assert.Equal(["--urls=http://127.0.0.1:7072", "--orders=10", "--KafkaBrokerList=127.0.0.1:9092"], line.Settings);
    }

    [Fact]
    public void The_operators_verbs_keep_their_words_and_switches()
    {
        var line = CommandLine.Parse(["dlq", "redrive", "--order", "o-1", "--dry-run"]);

        Assert.Equal("dlq", line.Command);
        Assert.Equal(["redrive"], line.Words);
        Assert.Equal(["--order=o-1", "--dry-run"], line.Settings);
    }

    [Fact]
    public void The_views_verbs_take_a_read_model_and_their_switches()
    {
        var line = CommandLine.Parse(["views", "rebuild", "daily-sales", "--from-remaining", "--no-wait", "--api", "http://127.0.0.1:7072/api"]);

        Assert.Equal("views", line.Command);
        Assert.Equal(["rebuild", "daily-sales"], line.Words);
        Assert.Equal(["--from-remaining", "--no-wait", "--api=http://127.0.0.1:7072/api"], line.Settings);
    }

    [Fact]
    public void The_benchmark_takes_its_loads_and_the_ramp_is_a_switch()
    {
        var line = CommandLine.Parse(["bench", "--ramp", "--from", "100", "--step=25", "--p99-bound", "250"]);

        Assert.Equal("bench", line.Command);
        Assert.Equal(["--ramp", "--from=100", "--step=25", "--p99-bound=250"], line.Settings);
    }

    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    [InlineData("help")]
    [InlineData("bench", "--help")]
    public void Help_is_asked_for_anywhere(params string[] args) => Assert.True(CommandLine.Parse(args).WantsHelp);

    [Theory]
    [InlineData("unknown command 'frobnicate'", "frobnicate")]
    [InlineData("--urls needs a value", "--urls")]
    [InlineData("--urls needs a value", "--urls", "--TablePrefix=x")]
    [InlineData("--urls takes http://host:port, not 'notaurl'", "--urls", "notaurl")]
    [InlineData("--orders takes a whole number of at least 1, not '0'", "bench", "--orders", "0")]
    [InlineData("--observe takes view or api, not 'eyes'", "bench", "--observe", "eyes")]
    [InlineData("--rate takes a number above 0, not '0'", "bench", "--rate", "0")]
    [InlineData("--duration takes a number above 0, not 'long'", "bench", "--rate", "10", "--duration", "long")]
    [InlineData("--warmup takes a number of seconds, 0 or more, not '-1'", "bench", "--warmup=-1")]
    [InlineData("--preload takes a whole number of orders, 0 or more, not 'many'", "bench", "--preload", "many")]
    [InlineData("--KafkaBrokerList takes host:port", "--KafkaBrokerList=localhost")]
    [InlineData("dlq takes list or redrive", "dlq", "purge")]
    [InlineData("views takes list, status, rebuild, rollback, cancel, drop-previous", "views", "purge")]
    [InlineData("views takes list", "views", "list", "orders")]
    [InlineData("views takes list", "views", "rebuild", "orders", "again")]
    [InlineData("'-x' is not an option", "-x")]
    public void What_it_cannot_take_is_refused_in_one_line(string message, params string[] args)
    {
        var error = Assert.Throws<UsageException>(() => CommandLine.Parse(args));

        Assert.Contains(message, error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData(0, "Usage: ./run.sh", "--help")]
    [InlineData(2, "run.sh: --orders takes a whole number of at least 1, not '0'", "bench", "--orders", "0")]
    [InlineData(2, "run.sh: unknown command 'serve'", "serve")]
    [InlineData(2, "run.sh: the benchmark is a program of its own: ./run.sh bench [options], bench first", "--skus", "3", "bench")]
    [InlineData(1, "run.sh: no pipeline answers at http://127.0.0.1:9/api: ", "views", "--api", "http://127.0.0.1:9/api")]
    [InlineData(1, "run.sh: no pipeline answers at http://127.0.0.1:9/api: ", "dlq", "list", "--api", "http://127.0.0.1:9/api")]
    [InlineData(1, "run.sh: Table Storage at http://127.0.0.1:9/devstoreaccount1 is unreachable (Connection refused", "--urls", "http://127.0.0.1:0", "--AzureWebJobsStorage", UnreachableStorage)]
    [InlineData(1, "run.sh: Kafka at 127.0.0.1:9 is unreachable (", "--urls", "http://127.0.0.1:0", "--KafkaBrokerList", "127.0.0.1:9")]
    public async Task The_host_prints_help_or_one_error_line_and_exits_with_its_code(int exitCode, string output, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "EventFunctions.LocalHost.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var printed = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(exitCode, process.ExitCode);
        Assert.StartsWith(output, printed);
        if (exitCode != 0) Assert.Single(printed.Trim().Split('\n'));
    }
}
