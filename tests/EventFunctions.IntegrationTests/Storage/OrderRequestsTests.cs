using EventFunctions.Processing.Lineage;
using Azure.Data.Tables;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Orders.Intake;
using EventFunctions.Storage;

namespace EventFunctions.IntegrationTests.Storage;

/// <summary>The API's claims against Azurite: one content per order id, whichever instance asks, however many race.</summary>
[Trait("Category", "Integration")]
public sealed class OrderRequestsTests : IAsyncLifetime
{
    private readonly string prefix = TestIds.TablePrefix("rq");
    private readonly TableStorage tables;

    public OrderRequestsTests() => tables = new(new TableServiceClient("UseDevelopmentStorage=true"), prefix);

    public async Task InitializeAsync()
    {
        await AzuriteProbe.EnsureReachableAsync();
        await tables.EnsureCreatedAsync(CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        foreach (var name in TableStorage.All) await tables.Table(name).DeleteAsync();
    }

    [Fact]
    public async Task Two_hundred_claims_racing_for_one_order_id_agree_on_the_first()
    {
        var instances = Enumerable.Range(0, 4).Select(_ => new TableOrderRequests(tables, TimeProvider.System)).ToList();

        var held = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => ClaimAsync(instances[i % 4], "race-1", $"content-{i}")));

        Assert.Single(held.Distinct());
    }

    [Fact]
    public async Task A_claim_made_by_one_instance_is_found_by_another()
    {
        await ClaimAsync(new TableOrderRequests(tables, TimeProvider.System), "found-1", "content-a");

        var found = await new TableOrderRequests(tables, TimeProvider.System).FindAsync(["found-1", "never-claimed"], CancellationToken.None);

        Assert.Equal(new Dictionary<string, string> { ["found-1"] = "content-a" }, found);
    }

    [Fact]
    public async Task Claims_arriving_together_share_transactions_and_each_keeps_its_own_answer()
    {
        var roundTrips = new StorageRoundTrips();
        var options = new TableClientOptions();
        options.AddPolicy(roundTrips, Azure.Core.HttpPipelinePosition.PerRetry);
        var counted = new TableStorage(new TableServiceClient("UseDevelopmentStorage=true", options), prefix);
        var requests = new TableOrderRequests(counted, TimeProvider.System);
        await ClaimAsync(requests, "taken-1", "first-content");
        var before = roundTrips.Total;
        // Ids of one shard, so that they can share a transaction; one of them claimed already, with other content.
        var ids = Enumerable.Range(0, 400).Select(i => $"together-{i}").Where(id => OrderShard.Of(id) == OrderShard.Of("taken-1")).Take(60).Append("taken-1").ToList();

        var held = await Task.WhenAll(ids.Select(id => ClaimAsync(requests, id, "content-" + id)));

        Assert.Equal(ids.Select(id => id == "taken-1" ? "first-content" : "content-" + id), held);
        var found = await new TableOrderRequests(tables, TimeProvider.System).FindAsync(ids, CancellationToken.None);
        Assert.Equal(ids.Count, found.Count);
        // One request at first, then the rest together, then the taken claim read back: far fewer than one each.
        Assert.True(roundTrips.Total - before <= 10, $"{roundTrips.Total - before} requests for {ids.Count} claims");
    }

    /// <summary>A claim as the API makes it; the fingerprint that holds the id.</summary>
    private static async Task<string> ClaimAsync(TableOrderRequests requests, string orderId, string fingerprint) =>
        (await requests.ClaimAsync(orderId, new OrderClaim(fingerprint, Deferred: false), CancellationToken.None)).Fingerprint;
}
