using System.Diagnostics;
using EventFunctions.Infra.Tests.Bicep;

namespace EventFunctions.Infra.Tests;

/// <summary>infra/deploy.sh, the one deployment command: what it builds, and how it refuses bad input before touching Azure.</summary>
public sealed class DeployScriptTests
{
    [Fact]
    public void It_builds_the_triggers_for_SASL_SSL_as_the_deployed_settings_say()
    {
        var script = InfraDirectory.Read("deploy.sh");

        Assert.Contains("dotnet publish functions/EventFunctions.FunctionsApp -c Release -p:KafkaTriggerProtocol=SaslSsl", script);
        Assert.Contains("--parameters infra/main.bicepparam", script);
    }

    [Theory]
    [InlineData(new[] { "--location", "swedencentral" }, "--resource-group is required")]
    [InlineData(new[] { "-g", "rg" }, "--location is required")]
    [InlineData(new[] { "-g", "rg", "-l", "swedencentral", "--kafka", "kinesis" }, "--kafka must be eventHubs or existingCluster, not 'kinesis'")]
    [InlineData(new[] { "-g", "rg", "-l", "swedencentral", "--kafka", "existingCluster" }, "set KAFKA_BOOTSTRAP_SERVERS")]
    [InlineData(new[] { "-g", "rg", "-l", "swedencentral", "--frobnicate" }, "unknown argument '--frobnicate'")]
    [InlineData(new[] { "-g", "rg", "-l", "swedencentral", "--name", "Event_Functions" }, "--name must be 3 to 16 lowercase letters")]
    [InlineData(new[] { "--resource-group", "--location", "x" }, "--resource-group needs a value, not the option '--location'")]
    [InlineData(new[] { "--resource-group=rg", "--location=" }, "--location needs a value")]
    [InlineData(new[] { "--resource-group=rg", "--location=swedencentral", "--kafka=kinesis" }, "--kafka must be eventHubs or existingCluster, not 'kinesis'")]
    public void It_refuses_bad_arguments_with_a_clear_error(string[] arguments, string error)
    {
        var (exitCode, errors) = Run(arguments);

        Assert.Equal(2, exitCode);
        Assert.Contains(error, errors);
    }

    [Fact]
    public void Both_forms_of_an_option_are_taken()
    {
        // Without the Azure CLI it stops at the tools, past every argument: the arguments were accepted.
        var (exitCode, errors) = Run(["--resource-group=rg", "--location", "swedencentral", "--name=shop"]);

        Assert.Equal(2, exitCode);
        Assert.Contains("is not on PATH", errors);
    }

    [Fact]
    public void Help_names_every_option_and_what_it_needs()
    {
        var start = Start(["--help"]);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(0, process.ExitCode);
        Assert.All(new[] { "--resource-group", "--location", "--kafka", "--name", "KAFKA_SASL_PASSWORD", "az login" }, o => Assert.Contains(o, output));
    }

    private static (int ExitCode, string Errors) Run(string[] arguments)
    {
        using var process = Process.Start(Start(arguments))!;
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, errors);
    }

    private static ProcessStartInfo Start(string[] arguments)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(InfraDirectory.Path, "deploy.sh"));
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var name in new[] { "KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SASL_USERNAME", "KAFKA_SASL_PASSWORD" }) start.Environment.Remove(name);
        return start;
    }
}
