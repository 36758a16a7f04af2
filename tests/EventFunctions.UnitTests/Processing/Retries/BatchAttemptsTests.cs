using EventFunctions.Messaging;
using EventFunctions.Processing.Retries;

namespace EventFunctions.UnitTests.Processing.Retries;

public class BatchAttemptsTests
{
    private static readonly Failure Transient = Failure.Transient("Table Storage", "unreachable");
    private static readonly Failure Unknown = Failure.Unknown("code", "NullReferenceException");
    private static readonly RetryPolicy Policy = new() { UnknownFailureAttempts = 3 };

    private readonly Mock<IAttemptLog> log = new(MockBehavior.Strict);

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
    public async Task Transient_failures_are_counted_in_memory_only_and_never_isolate()
    {
        var attempts = new BatchAttempts(Policy, log.Object);

        for (var i = 0; i < 10; i++) Assert.False((await attempts.FailedAsync("k", Transient, CancellationToken.None)).IsolateRecords);

        Assert.Equal(10, attempts.FailuresOf("k"));
        Assert.False(attempts.IsIsolating("k"));
        await attempts.SucceededAsync("k", CancellationToken.None);
        Assert.Equal(0, attempts.FailuresOf("k"));
    }

    [Fact]
    public async Task Unknown_failures_count_what_the_log_remembers_so_a_restart_does_not_start_over()
    {
        // Two failures before the restart, recorded; this process sees its first.
        log.Setup(l => l.RecordFailureAsync("k", It.IsAny<CancellationToken>())).ReturnsAsync(3);
        log.Setup(l => l.ForgetAsync("k", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        var attempts = new BatchAttempts(Policy, log.Object);

        var decision = await attempts.FailedAsync("k", Unknown, CancellationToken.None);

        Assert.True(decision.IsolateRecords);
        Assert.True(attempts.IsIsolating("k"));
        await attempts.SucceededAsync("k", CancellationToken.None);
        log.Verify(l => l.ForgetAsync("k", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task When_the_log_is_unreachable_the_count_in_memory_serves()
    {
        log.Setup(l => l.RecordFailureAsync("k", It.IsAny<CancellationToken>())).ThrowsAsync(new HttpRequestException("storage away"));
        var attempts = new BatchAttempts(Policy, log.Object);

        Assert.False((await attempts.FailedAsync("k", Unknown, CancellationToken.None)).IsolateRecords);
        Assert.False((await attempts.FailedAsync("k", Unknown, CancellationToken.None)).IsolateRecords);
        Assert.True((await attempts.FailedAsync("k", Unknown, CancellationToken.None)).IsolateRecords);
    }

    [Fact]
    public async Task A_batch_running_record_by_record_waits_longer_each_time_a_record_meets_a_fault()
    {
        var attempts = new BatchAttempts(RetryPolicy.Default);
        await attempts.FailedAsync("k", Failure.Permanent("data", "overflow"), CancellationToken.None);

        var waits = Enumerable.Range(0, 6).Select(_ => attempts.FailedWhileIsolating("k").TotalMilliseconds).ToList();

        Assert.Equal([400, 800, 1600, 3200, 5000, 5000], waits);
        Assert.True(attempts.IsIsolating("k"));
    }
}
