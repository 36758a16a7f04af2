using EventFunctions.Processing.Retries;

namespace EventFunctions.UnitTests.Processing.Retries;

public class RetryPolicyTests
{
    private readonly RetryPolicy policy = new() { UnknownFailureAttempts = 3 };

    [Fact]
    public void A_transient_fault_is_waited_out_however_long_it_lasts()
    {
        Assert.All(Enumerable.Range(1, 1000), failures => Assert.False(policy.Decide(FailureKind.Transient, failures).IsolateRecords));
        Assert.Equal(policy.MaxBackoff, policy.Decide(FailureKind.Transient, 1000).Backoff);
    }

    [Fact]
    public void A_permanent_failure_isolates_the_records_at_once()
    {
        Assert.Equal(RetryDecision.Isolate, policy.Decide(FailureKind.Permanent, 1));
    }

    [Fact]
    public void An_unknown_failure_is_retried_a_few_times_then_isolated()
    {
        Assert.False(policy.Decide(FailureKind.Unknown, 1).IsolateRecords);
        Assert.False(policy.Decide(FailureKind.Unknown, 2).IsolateRecords);
        Assert.True(policy.Decide(FailureKind.Unknown, 3).IsolateRecords);
    }

    [Fact]
    public void Backoff_doubles_from_a_fifth_of_a_second_up_to_five_seconds()
    {
        Assert.Equal([200, 400, 800, 1600, 3200, 5000, 5000], Enumerable.Range(1, 7).Select(n => RetryPolicy.Default.Backoff(n).TotalMilliseconds));
    }
}
