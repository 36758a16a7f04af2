using EventFunctions.LocalHost.KafkaTrigger;

namespace EventFunctions.FaultTests.Infrastructure;

/// <summary>
/// A fault scenario: a bed of its own for each test, and the one way every scenario ends: wait until every order is
/// final, audit the tables and topics, print the figures, and assert that nothing was lost, doubled or dead-lettered.
/// </summary>
public abstract class FaultScenario(ITestOutputHelper output) : IAsyncLifetime
{
    protected FaultBed Bed { get; } = new();

    protected ITestOutputHelper Output => output;

    /// <summary>The graceful scenarios run with hosts committing finished work on revoke, and in the long run also without, for comparison.</summary>
    public static TheoryData<bool> CommitOnRevokeCases() => Repository.LongRun ? new() { true, false } : new() { true };

    protected static string CommitOnRevoke(bool commit) =>
        $"--{KafkaTriggerOptions.HostSettingsSection}:{nameof(KafkaTriggerOptions.CommitOnRevoke)}={commit}";

    public virtual Task InitializeAsync() => Bed.InitializeAsync();

    public Task DisposeAsync() => Bed.DisposeAsync();

    /// <summary>Waits for every order to be final, audits, prints <paramref name="scenario"/> with the figures, and asserts the guarantees.</summary>
    protected async Task<AuditReport> AuditAsync(string scenario, IReadOnlyList<PlacedOrder> placed, IReadOnlyDictionary<string, int> stock, TimeSpan patience)
    {
        var audit = new PipelineAudit(Bed.Tables, Bed.Kafka);
        await audit.WaitUntilFinalAsync(placed, patience);
        var report = await audit.RunAsync(placed, stock);
        output.WriteLine($"{scenario}: {report}");

        Assert.Empty(report.Problems);
        Assert.Equal((placed.Count, 0, 0, 0), (report.Final, report.Stuck, report.DoubleEffects, report.DeadLetters));
        return report;
    }
}
