using EventFunctions.FunctionsApp.Tests.Infrastructure;
using EventFunctions.Messaging;
using EventFunctions.Processing;
using EventFunctions.Processing.Retries;

namespace EventFunctions.FunctionsApp.Tests.Metadata;

/// <summary>
/// Every Kafka trigger as the Functions host will bind it, read from what the real Worker.Sdk generated, checked
/// against what the host's Kafka extension reads. Runs in both KafkaTriggerProtocol builds (test.sh builds both).
/// </summary>
[Trait("Category", "Metadata")]
public sealed class KafkaTriggerMetadataTests
{
    [Theory]
    [MemberData(nameof(MetadataSources.Both), MemberType = typeof(MetadataSources))]
    public void Every_trigger_is_a_batched_deferred_binding_so_the_host_sends_raw_records(string source)
    {
        Assert.All(KafkaTriggers(source), t =>
        {
            Assert.Equal("In", t.Binding.Value("direction"));
            Assert.Equal("Many", t.Binding.Value("cardinality"));
            Assert.Equal("True", t.Binding.Property("supportsDeferredBinding"));
            Assert.Equal("records", t.Binding.Value("name"));
            Assert.StartsWith("EventFunctions.FunctionsApp.Kafka.KafkaTriggers.", t.Function.EntryPoint);
        });
    }

    [Theory]
    [MemberData(nameof(MetadataSources.Both), MemberType = typeof(MetadataSources))]
    public void Every_topic_of_the_catalogue_is_read_once_by_each_function_that_reads_it_in_that_triggers_group(string source)
    {
        var expected = AppServices.Resolve<IEnumerable<IEventFunction>>()
            .SelectMany(f => TriggerGroups.All(f).Select(trigger => (trigger.Group, trigger.Topic)))
            .Order().ToList();

        var declared = KafkaTriggers(source).Select(t => (Group: t.Binding.Value("consumerGroup")!, Topic: t.Binding.Value("topic")!)).Order().ToList();

        Assert.Equal(expected, declared);
    }

    [Theory]
    [MemberData(nameof(MetadataSources.Both), MemberType = typeof(MetadataSources))]
    public void Every_trigger_commits_in_a_consumer_group_of_its_own_so_that_scaling_one_rebalances_no_other(string source)
    {
        var groups = KafkaTriggers(source).Select(t => t.Binding.Value("consumerGroup")!).ToList();

        Assert.Equal(groups.Count, groups.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(MetadataSources.Both), MemberType = typeof(MetadataSources))]
    public void Every_trigger_connects_with_the_settings_the_producer_reads_over_the_protocol_of_its_build(string source)
    {
        var (protocol, mechanism) = BuildOutput.KafkaTriggerProtocol switch
        {
            "Plaintext" => ("NotSet", "NotSet"), // librdkafka's default, plaintext; the host then ignores the credentials
            "SaslSsl" => ("SaslSsl", "Plain"),
            var other => throw new InvalidOperationException($"Unknown KafkaTriggerProtocol '{other}'."),
        };

        Assert.All(KafkaTriggers(source), t =>
        {
            Assert.Equal(KafkaConnection.BrokerListSetting, t.Binding.Value("brokerList"));
            Assert.Equal(KafkaConnection.SaslUsernameSetting, t.Binding.Value("username"));
            Assert.Equal(KafkaConnection.SaslPasswordSetting, t.Binding.Value("password"));
            Assert.Equal(protocol, t.Binding.Value("protocol"));
            Assert.Equal(mechanism, t.Binding.Value("authenticationMode"));
        });
    }

    [Theory]
    [MemberData(nameof(MetadataSources.Both), MemberType = typeof(MetadataSources))]
    public void Every_trigger_asks_the_host_for_keys_as_bytes(string source)
    {
        Assert.All(KafkaTriggers(source), t => Assert.Equal("Binary", t.Binding.Value("keyDataType")));
    }

    [Theory]
    [MemberData(nameof(MetadataSources.Both), MemberType = typeof(MetadataSources))]
    public void Every_property_of_every_trigger_is_one_the_host_extension_reads_with_a_value_it_can_parse(string source)
    {
        var known = HostKafkaTrigger.BindingKeys.Concat(HostKafkaTrigger.AttributeProperties).ToHashSet(StringComparer.OrdinalIgnoreCase);

        Assert.All(KafkaTriggers(source), t =>
        {
            Assert.All(t.Binding.Select(p => p.Key), key => Assert.Contains(key, known));
            Assert.Contains(t.Binding.Value("protocol"), HostKafkaTrigger.Protocols);
            Assert.Contains(t.Binding.Value("authenticationMode"), HostKafkaTrigger.AuthenticationModes);
            Assert.Contains(t.Binding.Value("keyDataType"), HostKafkaTrigger.KeyDataTypes);
        });
    }

    [Fact]
    public void Worker_indexing_and_functions_metadata_declare_the_same_functions_with_the_same_bindings()
    {
        static List<string> Describe(string source) => MetadataSources.Read(source)
            .SelectMany(f => f.Bindings.Select(b => $"{f.Name} {f.EntryPoint} {f.ScriptFile} {f.Language}: " + string.Join(", ",
                b.Where(p => p.Key != "properties").OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={b.Value(p.Key)}"))
                + $" [{b.Property("supportsDeferredBinding")}]"))
            .Order().ToList();

        var fromFile = Describe(MetadataSources.MetadataFile);

        Assert.NotEmpty(fromFile);
        Assert.Equal(fromFile, Describe(MetadataSources.WorkerIndexing));
    }

    private static IReadOnlyList<(DeclaredFunction Function, System.Text.Json.Nodes.JsonObject Binding)> KafkaTriggers(string source)
    {
        var triggers = MetadataSources.Read(source)
            .SelectMany(f => f.Bindings.Where(b => b.Value("type") == "kafkaTrigger").Select(b => (Function: f, Binding: b)))
            .ToList();
        Assert.Equal(11, triggers.Count);
        return triggers;
    }
}
