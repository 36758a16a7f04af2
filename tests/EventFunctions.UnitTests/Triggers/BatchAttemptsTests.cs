using EventFunctions.Messaging;
using EventFunctions.Triggers;

namespace EventFunctions.UnitTests.Triggers;

public class BatchAttemptsTests
{
    private static IncomingRecord At(string topic, int partition, long offset) => new(topic, partition, offset, null, null, []);

    [Fact]
    public void A_batch_is_known_by_its_function_and_where_each_of_its_partitions_starts()
    {
        var first = BatchAttempts.KeyOf("reserve-stock", [At("b", 1, 7), At("a", 0, 3), At("b", 1, 8)]);
        // A redelivery may bring more records after the same starting offsets, in another order.
        var redelivered = BatchAttempts.KeyOf("reserve-stock", [At("a", 0, 3), At("a", 0, 4), At("b", 1, 7)]);

        Assert.Equal("reserve-stock a[0]@3,b[1]@7", first);
        Assert.Equal(first, redelivered);
        Assert.NotEqual(first, BatchAttempts.KeyOf("refund-payment", [At("a", 0, 3), At("b", 1, 7)]));
    }

    [Fact]
    public void A_batch_is_tried_whole_as_often_as_allowed_then_record_by_record()
    {
        var attempts = new BatchAttempts(wholeBatchAttempts: 3);

        Assert.False(attempts.ShouldIsolate("k"));
        attempts.Failed("k");
        attempts.Failed("k");
        Assert.False(attempts.ShouldIsolate("k"));
        attempts.Failed("k");
        Assert.True(attempts.ShouldIsolate("k"));
        attempts.Done("k");
        Assert.Equal(0, attempts.FailuresOf("k"));
    }

    [Fact]
    public void Backoff_doubles_from_a_tenth_of_a_second_up_to_five_seconds()
    {
        Assert.Equal([100, 200, 400, 800, 1600, 3200, 5000, 5000], Enumerable.Range(1, 8).Select(n => BatchAttempts.BackoffAfter(n).TotalMilliseconds));
    }

    [Fact]
    public void A_batch_is_tried_whole_at_least_once()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BatchAttempts(0));
    }
}
