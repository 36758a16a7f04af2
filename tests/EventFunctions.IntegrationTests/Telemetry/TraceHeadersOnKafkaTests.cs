using System.Diagnostics;
using EventFunctions.Contracts;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Orders.ValidateOrder;

namespace EventFunctions.IntegrationTests.Telemetry;

/// <summary>What an operator sees with kcat: every record of an order carries a traceparent of the order's one trace.</summary>
[Collection(PipelineCollection.Name)]
public class TraceHeadersOnKafkaTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task Kcat_shows_a_traceparent_of_the_orders_trace_on_every_record_of_the_order()
    {
        var (orderId, _) = await pipeline.FinishedOrderAsync("kim", OrderValidation.MaxQuantity);

        var records = new List<(string Topic, string Headers)>();
        foreach (var topic in Topics.All.Select(t => t.Name))
            records.AddRange((await KcatAsync(pipeline.Pipeline.Kafka.BrokerList, topic))
                .Select(line => line.Split('\t', 2)).Where(f => f[0] == orderId).Select(f => (topic, f[1])));

        Assert.Equal(Topics.All.Select(t => t.Name).Order(), records.Select(r => r.Topic).Distinct().Order());
        var traceparents = records.Select(r => r.Headers.Split(',').Single(h => h.StartsWith("traceparent=", StringComparison.Ordinal))["traceparent=".Length..]).ToList();
        Assert.All(traceparents, t => Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", t));
        Assert.Single(traceparents.Select(t => t.Split('-')[1]).Distinct());
    }

    /// <summary>Every record of a topic as kcat prints it: key, a tab, then its headers.</summary>
    private static async Task<IReadOnlyList<string>> KcatAsync(string brokers, string topic)
    {
        var start = new ProcessStartInfo("kcat", ["-C", "-b", brokers, "-t", topic, "-e", "-q", "-f", "%k\t%h\n"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("kcat is not installed: .ci/run installs it (apt-get install kcat).", e);
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(process.ExitCode == 0, $"kcat failed: {await error}");
            return (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
    }
}
