using System.Runtime.InteropServices;
using Confluent.Kafka;

namespace EventFunctions.EmbeddedKafka;

/// <summary>
/// An in-process Kafka cluster: librdkafka's mock cluster, listening on 127.0.0.1 (plaintext, random ports).
/// Any Kafka client connects to <see cref="BootstrapServers"/> over TCP. Data lives in memory and only the newest
/// 5 MiB per partition is kept: it is for development and tests, not for data you need to keep.
/// </summary>
/// <remarks>
/// Serves produce (idempotent too), fetch, offsets, metadata, classic and KIP-848 consumer groups, and
/// DescribeCluster/DescribeTopics. It does not serve CreateTopics or most other admin requests: create topics
/// with <see cref="CreateTopic"/>. Never call <c>IAdminClient.ListConsumerGroupsAsync</c> against it: the shipped
/// librdkafka has asserts enabled and that request aborts the process.
/// </remarks>
public sealed class EmbeddedKafkaCluster : IDisposable
{
    private const int ErrorStringSize = 512;

    private static readonly (string Name, string Value)[] OwnerSettings =
    [
        ("client.id", "embedded-kafka"),
        // The owner never connects anywhere, so its "no bootstrap.servers" notice is noise; warnings stay.
        ("log_level", "4"),
    ];

    private readonly Lock gate = new();
    private IntPtr owner;   // rd_kafka_t: the mock cluster's bookkeeping handle, never used as a client.
    private IntPtr cluster; // rd_kafka_mock_cluster_t

    private EmbeddedKafkaCluster(IntPtr owner, IntPtr cluster, int brokerCount, string bootstrapServers)
    {
        this.owner = owner;
        this.cluster = cluster;
        BrokerCount = brokerCount;
        BootstrapServers = bootstrapServers;
    }

    /// <summary>Comma-separated <c>127.0.0.1:port</c> of every broker; the ports change on every start.</summary>
    public string BootstrapServers { get; }

    /// <summary>The number of brokers; their ids are 1 to <see cref="BrokerCount"/>.</summary>
    public int BrokerCount { get; }

    /// <summary>Starts a cluster of <paramref name="brokerCount"/> brokers with ids 1..n; broker 1 is the controller.</summary>
    public static EmbeddedKafkaCluster Start(int brokerCount = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(brokerCount, 1);
        NativeLibraryResolver.Register();

        var owner = NewOwnerHandle();
        var cluster = IntPtr.Zero;
        try
        {
            cluster = LibrdkafkaMock.MockClusterNew(owner, brokerCount);
            if (cluster == IntPtr.Zero)
                throw new InvalidOperationException($"rd_kafka_mock_cluster_new failed for {brokerCount} brokers.");

            // Without a controller, controller-routed admin requests (DescribeCluster, DescribeTopics) wait for
            // one until they time out; with it they are answered, and the unsupported ones fail fast.
            LibrdkafkaMock.MockSetControllerId(cluster, 1);

            var bootstrapServers = Marshal.PtrToStringUTF8(LibrdkafkaMock.MockClusterBootstraps(cluster));
            if (string.IsNullOrEmpty(bootstrapServers))
                throw new InvalidOperationException("The mock cluster reported no bootstrap servers.");

            return new EmbeddedKafkaCluster(owner, cluster, brokerCount, bootstrapServers);
        }
        catch
        {
            DestroyNative(cluster, owner);
            throw;
        }
    }

    /// <summary>Creates a topic; throws a <see cref="KafkaException"/> carrying the broker's error code on failure.</summary>
    public void CreateTopic(string topic, int partitions, int replicationFactor)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfLessThan(partitions, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(replicationFactor, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(replicationFactor, BrokerCount);

        lock (gate)
            ThrowIfFailed(LibrdkafkaMock.MockTopicCreate(Cluster, topic, partitions, replicationFactor),
                $"Creating topic '{topic}'");
    }

    /// <summary>
    /// Takes a broker down: its connections are closed and refused until <see cref="SetBrokerUp"/>.
    /// Partition leadership does not move, so the partitions it leads are unreachable meanwhile.
    /// </summary>
    public void SetBrokerDown(int brokerId)
    {
        lock (gate)
            ThrowIfFailed(LibrdkafkaMock.MockBrokerSetDown(Cluster, brokerId), $"Setting broker {brokerId} down");
    }

    /// <summary>Brings a broker taken down by <see cref="SetBrokerDown"/> back.</summary>
    public void SetBrokerUp(int brokerId)
    {
        lock (gate)
            ThrowIfFailed(LibrdkafkaMock.MockBrokerSetUp(Cluster, brokerId), $"Setting broker {brokerId} up");
    }

    /// <summary>Delays every response of a broker (or of all brokers, with id -1) by <paramref name="rtt"/>.</summary>
    public void SetBrokerRoundTripTime(int brokerId, TimeSpan rtt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rtt, TimeSpan.Zero);
        var milliseconds = checked((int)rtt.TotalMilliseconds);

        lock (gate)
            ThrowIfFailed(LibrdkafkaMock.MockBrokerSetRtt(Cluster, brokerId, milliseconds),
                $"Setting the round-trip time of broker {brokerId}");
    }

    /// <summary>
    /// Fails the next requests of type <paramref name="apiKey"/> (see <see cref="KafkaApiKeys"/>), whichever broker
    /// receives them, with <paramref name="errors"/> in order, one error per request.
    /// <see cref="ErrorCode.Local_Transport"/> makes the broker drop the connection instead.
    /// </summary>
    public unsafe void PushRequestErrors(short apiKey, params ErrorCode[] errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Length == 0)
            return;

        lock (gate)
        {
            // ErrorCode is an int enum with librdkafka's rd_kafka_resp_err_t values: the array is passed as is.
            fixed (ErrorCode* first = errors)
                LibrdkafkaMock.MockPushRequestErrorsArray(Cluster, apiKey, (nuint)errors.Length, (int*)first);
        }
    }

    /// <summary>
    /// Sets how long a KIP-848 group member may go silent before the group hands its partitions to others: the time a
    /// crashed consumer's partitions wait (the broker's <c>group.consumer.session.timeout.ms</c>).
    /// </summary>
    public void SetGroupSessionTimeout(TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(timeout, TimeSpan.FromSeconds(1));
        lock (gate)
            LibrdkafkaMock.MockSetGroupConsumerSessionTimeoutMs(Cluster, checked((int)timeout.TotalMilliseconds));
    }

    /// <summary>Drops the errors still pushed for <paramref name="apiKey"/> by <see cref="PushRequestErrors"/>.</summary>
    public void ClearRequestErrors(short apiKey)
    {
        lock (gate)
            LibrdkafkaMock.MockClearRequestErrors(Cluster, apiKey);
    }

    /// <summary>
    /// Moves a partition's leadership to <paramref name="brokerId"/>. Never pass -1 (leader-less) while anything
    /// produces to the topic: the shipped librdkafka asserts and the process aborts.
    /// </summary>
    public void SetPartitionLeader(string topic, int partition, int brokerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentOutOfRangeException.ThrowIfNegative(partition);

        lock (gate)
            ThrowIfFailed(LibrdkafkaMock.MockPartitionSetLeader(Cluster, topic, partition, brokerId),
                $"Setting the leader of {topic} [{partition}] to broker {brokerId}");
    }

    /// <summary>Stops the brokers and frees the cluster; clients still connected see their connections refused.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            DestroyNative(cluster, owner);
            cluster = IntPtr.Zero;
            owner = IntPtr.Zero;
        }
    }

    private IntPtr Cluster
    {
        get
        {
            ObjectDisposedException.ThrowIf(cluster == IntPtr.Zero, this);
            return cluster;
        }
    }

    /// <summary>A producer-type rd_kafka_t: rd_kafka_mock_cluster_new needs one to own the cluster.</summary>
    private static unsafe IntPtr NewOwnerHandle()
    {
        var errorString = stackalloc byte[ErrorStringSize];
        var conf = LibrdkafkaMock.ConfNew();
        if (conf == IntPtr.Zero)
            throw new InvalidOperationException("rd_kafka_conf_new failed.");

        try
        {
            foreach (var (name, value) in OwnerSettings)
            {
                if (LibrdkafkaMock.ConfSet(conf, name, value, errorString, ErrorStringSize) != LibrdkafkaMock.ConfOk)
                    throw new InvalidOperationException($"rd_kafka_conf_set {name} failed: {Marshal.PtrToStringUTF8((IntPtr)errorString)}");
            }

            var owner = LibrdkafkaMock.New(LibrdkafkaMock.ProducerType, conf, errorString, ErrorStringSize);
            if (owner == IntPtr.Zero)
                throw new InvalidOperationException($"rd_kafka_new failed: {Marshal.PtrToStringUTF8((IntPtr)errorString)}");

            return owner; // It owns conf from here on.
        }
        catch
        {
            // rd_kafka_new takes the conf only when it succeeds.
            LibrdkafkaMock.ConfDestroy(conf);
            throw;
        }
    }

    private static void DestroyNative(IntPtr cluster, IntPtr owner)
    {
        // The cluster first: it is bookkept by the rd_kafka_t that created it, and destroying that one
        // while the cluster still runs aborts the process.
        if (cluster != IntPtr.Zero)
            LibrdkafkaMock.MockClusterDestroy(cluster);
        if (owner != IntPtr.Zero)
            LibrdkafkaMock.Destroy(owner);
    }

    private static void ThrowIfFailed(int error, string operation)
    {
        if (error == LibrdkafkaMock.NoError)
            return;

        var code = (ErrorCode)error;
        throw new KafkaException(new Error(code, $"{operation} failed: {code.GetReason()}"));
    }
}
