using System.Text.RegularExpressions;
using EventFunctions.Contracts;
using EventFunctions.Functions;
using EventFunctions.FunctionsApp.Tests.Infrastructure;
using EventFunctions.Messaging;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.FunctionsApp.Tests.Bindings;

/// <summary>What the Functions host will read from the compiled app: one batched trigger per (function, topic), rightly configured.</summary>
public sealed class KafkaTriggerBindingTests
{
    private static readonly IReadOnlyList<(System.Reflection.MethodInfo Method, System.Reflection.ParameterInfo Parameter, KafkaTriggerAttribute Trigger)> Triggers =
        AppFunctions.WithTrigger<KafkaTriggerAttribute>();

    [Fact]
    public void Every_topic_of_the_catalogue_has_exactly_one_trigger_per_function_that_reads_it()
    {
        var expected = AppServices.Resolve<IEnumerable<IEventFunction>>()
            .SelectMany(f => f.Topics.Select(topic => (Group: f.Name, Topic: topic)))
            .Order().ToList();

        var actual = Triggers.Select(t => (Group: t.Trigger.ConsumerGroup, t.Trigger.Topic)).Order().ToList();

        Assert.Equal(expected, actual);
        Assert.Equal(Topics.All.Select(t => t.Name).Order(), actual.Select(t => t.Topic).Distinct().Order());
        Assert.Equal(5, actual.Count(t => t.Group == ConsumerGroups.ProjectOrderView));
    }

    [Fact]
    public void Every_trigger_is_batched_on_the_broker_list_setting_and_binds_raw_records_with_a_cancellation_token()
    {
        Assert.All(Triggers, t =>
        {
            Assert.Equal(KafkaConnection.BrokerListSetting, t.Trigger.BrokerList);
            Assert.True(t.Trigger.IsBatched, $"{AppFunctions.NameOf(t.Method)} is not batched");
            Assert.Equal(typeof(KafkaRecord[]), t.Parameter.ParameterType);
            Assert.Equal(typeof(Task), t.Method.ReturnType);
            Assert.Contains(t.Method.GetParameters(), p => p.ParameterType == typeof(CancellationToken));
        });
    }

    [Fact]
    public void Every_trigger_connects_alike_with_the_credentials_the_producer_reads()
    {
        Assert.Single(Triggers.Select(t => (t.Trigger.Protocol, t.Trigger.AuthenticationMode)).Distinct());
        Assert.All(Triggers, t =>
        {
            Assert.Equal(KafkaConnection.SaslUsernameSetting, t.Trigger.Username);
            Assert.Equal(KafkaConnection.SaslPasswordSetting, t.Trigger.Password);
        });
    }

    [Fact]
    public void Function_names_are_unique_and_valid_for_the_Functions_host()
    {
        var names = AppFunctions.All.Select(AppFunctions.NameOf).ToList();

        Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(names, name => Assert.Matches(new Regex("^[A-Za-z][A-Za-z0-9_-]{0,127}$"), name));
    }
}
