using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Telemetry;

namespace EventFunctions.IntegrationTests.Telemetry;

[Collection(PipelineCollection.Name)]
public partial class MetricsEndpointTests(PipelineFixture pipeline)
{
    [Fact]
    public async Task The_local_host_serves_the_pipelines_metrics_to_a_Prometheus_scrape()
    {
        await pipeline.FinishedOrderAsync("mia");

        string scrape = "";
        await Eventually.TrueAsync(async () =>
        {
            scrape = await pipeline.Http.GetStringAsync("/metrics");
            return scrape.Contains("eventfunctions_consumer_lag{") && scrape.Contains("eventfunctions_order_duration_seconds_count{");
        }, PipelineFixture.Patience, "the lag sampled and the order's latency recorded");

        Assert.Matches(@"eventfunctions_events_total\{[^}]*function=""validate-order""[^}]*outcome=""processed""[^}]*\} [1-9]", scrape);
        Assert.Matches(@"eventfunctions_batch_size_count\{[^}]*function=""reserve-stock""[^}]*\} [1-9]", scrape);
        Assert.Matches(@"eventfunctions_batch_duration_seconds_bucket\{[^}]*function=""process-payment""", scrape);
        Assert.Matches(@"eventfunctions_order_duration_seconds_count\{[^}]*status=""Confirmed""[^}]*\} [1-9]", scrape);
        Assert.Matches(@"eventfunctions_orders\{[^}]*status=""Confirmed""[^}]*\} [1-9]", scrape);
        Assert.Matches(@"eventfunctions_consumer_lag\{[^}]*group=""project-order-view.orders.placed""[^}]*partition=""0""[^}]*topic=""orders.placed""", scrape);
        Assert.Contains("http_server_request_duration_seconds", scrape);
    }

    [Fact]
    public void The_observability_page_lists_every_instrument_of_the_pipelines_meter()
    {
        var instruments = new HashSet<string>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) => { if (instrument.Meter.Name == PipelineTelemetry.Name) instruments.Add(instrument.Name); };
            // Starting reports every instrument already created: the running pipeline has created them all.
            listener.Start();
        }

        var page = File.ReadAllText(Path.Combine(RepositoryDirectory.Root, "docs", "observability.md"));
        var listed = ListedMetric().Matches(page).Select(m => m.Groups[1].Value).ToHashSet();

        Assert.NotEmpty(instruments);
        Assert.Equal(instruments.Order(), listed.Order());
    }

    /// <summary>A row of docs/observability.md's metrics table: it starts with the instrument's name.</summary>
    [GeneratedRegex(@"^\| `(eventfunctions\.[a-z_.]+)`", RegexOptions.Multiline)]
    private static partial Regex ListedMetric();
}
