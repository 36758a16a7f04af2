using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.FunctionsApp.Tests.Bindings;

/// <summary>
/// What the generated metadata does not show of the trigger methods (Metadata/ checks the bindings themselves): the
/// parameter the worker converts the host's records into, and the function names the host accepts.
/// </summary>
public sealed class KafkaTriggerBindingTests
{
    [Fact]
    public void Every_trigger_binds_raw_records_with_a_cancellation_token_and_returns_once_its_batch_is_done()
    {
        var triggers = AppFunctions.WithTrigger<KafkaTriggerAttribute>();

        Assert.Equal(11, triggers.Count);
        Assert.All(triggers, t =>
        {
            Assert.Equal(typeof(KafkaRecord[]), t.Parameter.ParameterType);
            Assert.Equal(typeof(Task), t.Method.ReturnType);
            Assert.Contains(t.Method.GetParameters(), p => p.ParameterType == typeof(CancellationToken));
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
