using Azure.Data.Tables;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Storage;

namespace EventFunctions.IntegrationTests.Storage;

/// <summary>The API's claims against Azurite: one content per order id, whichever instance asks, however many race.</summary>
[Trait("Category", "Integration")]
public sealed class OrderRequestsTests : IAsyncLifetime
{
    private readonly TableStorage tables = new(new TableServiceClient("UseDevelopmentStorage=true"), "rq" + Guid.NewGuid().ToString("N")[..8]);

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

        var held = await Task.WhenAll(Enumerable.Range(0, 200).Select(i => instances[i % 4].ClaimAsync("race-1", $"content-{i}", CancellationToken.None)));

        Assert.Single(held.Distinct());
    }

    [Fact]
    public async Task A_claim_made_by_one_instance_is_found_by_another()
    {
        await new TableOrderRequests(tables, TimeProvider.System).ClaimAsync("found-1", "content-a", CancellationToken.None);

        var found = await new TableOrderRequests(tables, TimeProvider.System).FindAsync(["found-1", "never-claimed"], CancellationToken.None);

        Assert.Equal(new Dictionary<string, string> { ["found-1"] = "content-a" }, found);
    }
}
