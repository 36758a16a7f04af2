using System.Text.RegularExpressions;
using Confluent.Kafka;

namespace EventFunctions.EmbeddedKafka.Tests;

public sealed partial class ClusterLifecycleTests
{
    [GeneratedRegex(@"^127\.0\.0\.1:\d+$")]
    private static partial Regex LoopbackAddress();

    [Fact]
    public void A_three_broker_cluster_lists_three_loopback_addresses()
    {
        using var cluster = EmbeddedKafkaCluster.Start(3);

        var brokers = cluster.BootstrapServers.Split(',');

        Assert.Equal(3, cluster.BrokerCount);
        Assert.Equal(3, brokers.Length);
        Assert.All(brokers, broker => Assert.Matches(LoopbackAddress(), broker));
        Assert.Equal(3, brokers.Distinct().Count());
    }

    [Fact]
    public void Two_clusters_at_once_listen_on_different_ports()
    {
        using var first = EmbeddedKafkaCluster.Start(3);
        using var second = EmbeddedKafkaCluster.Start(3);

        var ports = first.BootstrapServers.Split(',').Concat(second.BootstrapServers.Split(','))
            .Select(address => int.Parse(address.Split(':')[1]))
            .ToList();

        Assert.Equal(6, ports.Distinct().Count());
    }

    [Fact]
    public void Dispose_twice_is_harmless_and_a_disposed_cluster_refuses_work()
    {
        var cluster = EmbeddedKafkaCluster.Start(1);

        cluster.Dispose();
        cluster.Dispose();

        Assert.Throws<ObjectDisposedException>(() => cluster.CreateTopic("after-dispose", 1, 1));
        Assert.Throws<ObjectDisposedException>(() => cluster.SetBrokerDown(1));
        Assert.Throws<ObjectDisposedException>(() => cluster.PushRequestErrors(KafkaApiKeys.Produce, ErrorCode.RequestTimedOut));
    }

    [Fact]
    public void Creating_an_existing_topic_fails_with_the_broker_error_code()
    {
        using var cluster = EmbeddedKafkaCluster.Start(1);
        cluster.CreateTopic("orders", 2, 1);

        var error = Assert.Throws<KafkaException>(() => cluster.CreateTopic("orders", 2, 1));

        Assert.Equal(ErrorCode.TopicAlreadyExists, error.Error.Code);
    }

    [Fact]
    public void Invalid_arguments_are_rejected_before_reaching_librdkafka()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EmbeddedKafkaCluster.Start(0));

        using var cluster = EmbeddedKafkaCluster.Start(1);
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.CreateTopic("t", 0, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => cluster.CreateTopic("t", 1, 2));
        Assert.Throws<ArgumentException>(() => cluster.CreateTopic("", 1, 1));
    }

    [Fact]
    public void The_cluster_and_Confluent_Kafka_share_the_packaged_librdkafka()
    {
        using var cluster = EmbeddedKafkaCluster.Start(1);
        Assert.Equal("2.16.0", Library.VersionString);
        if (!OperatingSystem.IsLinux())
            return;

        var loaded = NativeLibraryResolver.LoadedPath;
        Assert.NotNull(loaded);
        Assert.StartsWith(Path.Combine(AppContext.BaseDirectory, "runtimes"), loaded);

        // One librdkafka mapped into the process: the file the resolver chose, used by both sides.
        var mapped = File.ReadLines("/proc/self/maps")
            .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(fields => fields.Length >= 6 && fields[5].Contains("librdkafka"))
            .Select(fields => fields[5])
            .Distinct()
            .ToList();
        Assert.Equal([loaded], mapped);
    }
}
