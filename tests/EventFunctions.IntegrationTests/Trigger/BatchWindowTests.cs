using EventFunctions.LocalHost.KafkaTrigger;
using Microsoft.Extensions.Configuration;

namespace EventFunctions.IntegrationTests.Trigger;

/// <summary>How long the local trigger waits to fill a batch: not at all by default; to the window's end when it emulates the Functions trigger.</summary>
public sealed class BatchWindowTests
{
    [Fact]
    public void By_default_a_batch_takes_only_what_is_fetched_already()
    {
        var options = new KafkaTriggerOptions { SubscriberIntervalInSeconds = 1 };

        Assert.Equal(TimeSpan.Zero, options.WaitForMore(TimeSpan.Zero));
        Assert.Equal(TimeSpan.Zero, options.WaitForMore(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public void Emulating_the_Functions_trigger_a_batch_waits_for_the_rest_of_its_window()
    {
        var options = new KafkaTriggerOptions { SubscriberIntervalInSeconds = 2, WaitForBatchWindow = true };

        Assert.Equal(TimeSpan.FromSeconds(2), options.WaitForMore(TimeSpan.Zero));
        Assert.Equal(TimeSpan.FromMilliseconds(1700), options.WaitForMore(TimeSpan.FromMilliseconds(300)));
        Assert.Equal(TimeSpan.Zero, options.WaitForMore(TimeSpan.FromSeconds(2)));
        Assert.Equal(TimeSpan.Zero, options.WaitForMore(TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void The_window_is_read_from_host_json_settings()
    {
        var settings = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                [$"{KafkaTriggerOptions.HostSettingsSection}:waitForBatchWindow"] = "true",
                [$"{KafkaTriggerOptions.HostSettingsSection}:subscriberIntervalInSeconds"] = "3",
            })
            .Build();
        var options = new KafkaTriggerOptions();

        settings.GetSection(KafkaTriggerOptions.HostSettingsSection).Bind(options);

        Assert.True(options.WaitForBatchWindow);
        Assert.Equal(TimeSpan.FromSeconds(3), options.WaitForMore(TimeSpan.Zero));
    }
}
