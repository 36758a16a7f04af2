using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Storage;

namespace EventFunctions.IntegrationTests.Storage;

/// <summary>
/// What the benchmark reports of Table Storage is what was sent, counted against Azurite; and an account key signs a
/// SAS, renewed before it expires, rather than each request.
/// </summary>
[Trait("Category", "Integration")]
public sealed class StorageUseTests : IAsyncLifetime
{
    private readonly StorageRoundTrips roundTrips = new() { MeasureWrites = true };
    private readonly SentRequests sent = new();
    private readonly AdjustableClock clock = new();
    private readonly string tableName = TestIds.TablePrefix("use");
    private TableServiceClient service = null!;

    private TableClient Table => service.GetTableClient(tableName);

    public async Task InitializeAsync()
    {
        await AzuriteProbe.EnsureReachableAsync();
        var options = new TableClientOptions();
        options.AddPolicy(roundTrips, HttpPipelinePosition.PerRetry);
        options.AddPolicy(sent, HttpPipelinePosition.BeforeTransport);
        service = AccountKeySas.ClientFor(TableServiceConnection.DevelopmentStorage, options, clock)!;
        await Table.CreateIfNotExistsAsync();
    }

    public async Task DisposeAsync() => await Table.DeleteAsync();

    [Fact]
    public async Task A_transaction_counts_one_round_trip_and_each_of_its_entities()
    {
        using (StorageRoundTrips.AttributeTo("writer"))
            await Table.SubmitTransactionAsync(Enumerable.Range(0, 3).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p", $"r{i}") { ["Text"] = new string('x', 100) })));

        var writer = roundTrips.Snapshot()["writer"];
        Assert.Equal(1, writer.Requests);
        Assert.Equal(3, writer.Entities);
        Assert.InRange(writer.Bytes, 300, 10_000);
        Assert.Equal(0, writer.Queries);
    }

    [Fact]
    public async Task Queries_are_counted_apart_from_point_reads_and_a_delete_is_an_entity_written()
    {
        await Table.AddEntityAsync(new TableEntity("p", "one"));
        using (StorageRoundTrips.AttributeTo("reader"))
        {
            await Table.GetEntityIfExistsAsync<TableEntity>("p", "one");
            await foreach (var _ in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"p"}"))) { }
            await Table.DeleteEntityAsync("p", "one");
        }

        var reader = roundTrips.Snapshot()["reader"];
        Assert.Equal(3, reader.Requests);
        Assert.Equal(1, reader.Queries);
        Assert.Equal(1, reader.Entities);
    }

    [Fact]
    public async Task Each_entity_read_or_written_counts_in_its_partition_and_a_read_of_nothing_counts_one()
    {
        await Table.SubmitTransactionAsync(Enumerable.Range(0, 3).Select(i => new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("shard-01", $"r{i}"))));
        await Table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("sku-007", "item"))]);
        await Table.AddEntityAsync(new TableEntity("keys-a", "k"));
        await Table.UpsertEntityAsync(new TableEntity("keys-a", "k"));
        await Table.GetEntityIfExistsAsync<TableEntity>("keys-a", "k");
        await Table.GetEntityIfExistsAsync<TableEntity>("keys-a", "absent");
        await foreach (var _ in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"shard-01"}"), select: ["RowKey"])) { }
        await foreach (var _ in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {"shard-02"}"))) { }
        await foreach (var _ in Table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"RowKey eq {"item"} or RowKey eq {"k"}"))) { }
        await Table.DeleteEntityAsync("shard-01", "r0");

        var touched = roundTrips.EntitiesByPartition().Where(p => p.Key.Table == tableName).ToDictionary(p => p.Key.Key, p => p.Value);
        Assert.Equal(new Dictionary<string, long>
        {
            ["shard-01"] = 3 + 3 + 1, // the transaction, a query's three rows, the delete
            ["shard-02"] = 1,         // a query that found nothing
            ["sku-007"] = 1 + 1,      // a transaction of one, a row of a query across partitions
            ["keys-a"] = 1 + 1 + 1 + 1 + 1, // an insert, an upsert, two point reads (one found nothing), a row of the query across partitions
        }, touched);
    }

    [Fact]
    public async Task Requests_carry_a_SAS_and_no_shared_key_and_the_SAS_is_renewed_before_it_expires()
    {
        await Table.AddEntityAsync(new TableEntity("p", "first"));
        var first = sent.Last;
        Assert.Contains("sig=", first.Query);
        Assert.False(first.SignedWithSharedKey);

        clock.Advance(TimeSpan.FromHours(23.5));
        await Table.AddEntityAsync(new TableEntity("p", "renewed"));

        Assert.NotEqual(ExpiryOf(first.Query), ExpiryOf(sent.Last.Query));
        Assert.True((await Table.GetEntityIfExistsAsync<TableEntity>("p", "renewed")).HasValue);
    }

    private static string ExpiryOf(string query) =>
        query.TrimStart('?').Split('&').Single(p => p.StartsWith("se=", StringComparison.Ordinal));

    /// <summary>The last request as it left: its query string, and whether a shared key signed it.</summary>
    private sealed class SentRequests : HttpPipelineSynchronousPolicy
    {
        public (string Query, bool SignedWithSharedKey) Last { get; private set; }

        public override void OnSendingRequest(HttpMessage message) =>
            Last = (message.Request.Uri.Query, message.Request.Headers.TryGetValue("Authorization", out var auth) && auth.StartsWith("SharedKey", StringComparison.Ordinal));
    }

    private sealed class AdjustableClock : TimeProvider
    {
        private TimeSpan offset;

        public void Advance(TimeSpan by) => offset += by;

        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + offset;
    }
}
