using Azure.Data.Tables;
using EventFunctions.Contracts.Events;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Orders.Inventory;
using EventFunctions.Orders.ReserveStock;
using EventFunctions.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace EventFunctions.IntegrationTests.Storage;

/// <summary>Stock reservations against Azurite: partial failures across sku partitions, and concurrent reservers.</summary>
[Trait("Category", "Integration")]
public sealed class StockReservationTests : IAsyncLifetime
{
    private readonly TableStorage tables = new(new TableServiceClient("UseDevelopmentStorage=true"), TestIds.TablePrefix("st"));
    private TableInventory inventory = null!;
    private TableStockReservations reservations = null!;

    public async Task InitializeAsync()
    {
        await AzuriteProbe.EnsureReachableAsync();
        await tables.EnsureCreatedAsync(CancellationToken.None);
        inventory = new TableInventory(tables, TimeProvider.System);
        reservations = new TableStockReservations(tables, NullLogger<TableStockReservations>.Instance);
    }

    public async Task DisposeAsync()
    {
        foreach (var name in TableStorage.All) await tables.Table(name).DeleteAsync();
    }

    [Fact]
    public async Task A_reservation_interrupted_between_two_skus_is_undone_when_the_retry_finds_the_second_short()
    {
        await inventory.SetAsync(new InventoryItem("a", 9, 1m), default);
        await inventory.SetAsync(new InventoryItem("b", 0, 1m), default);
        // As if a first attempt had committed sku a's partition and died before sku b's.
        await tables.Table(TableStorage.Inventory).UpsertEntityAsync(new TableEntity("a", TableInventory.ItemRowKey) { [TableInventory.AvailableProperty] = 7 });
        await tables.Table(TableStorage.Inventory).AddEntityAsync(new TableEntity("a", TableStockReservations.LineRowKey("o1"))
        {
            ["State"] = nameof(LineState.Reserved), ["Quantity"] = 2, ["Short"] = false,
        });

        var outcome = (await reservations.ReserveAsync([new ReservationRequest("o1", [new OrderLine("a", 2), new OrderLine("b", 1)])], default))["o1"];

        Assert.Equal(["b"], outcome.ShortSkus);
        Assert.Equal(9, (await inventory.GetAsync("a", default))!.Quantity);
        var line = await tables.Table(TableStorage.Inventory).GetEntityAsync<TableEntity>("a", TableStockReservations.LineRowKey("o1"));
        Assert.Equal(nameof(LineState.Released), line.Value.GetString("State"));
    }

    [Fact]
    public async Task Asking_again_about_a_reserved_order_takes_no_more_stock()
    {
        await inventory.SetAsync(new InventoryItem("c", 5, 1m), default);
        ReservationRequest request = new("o2", [new OrderLine("c", 2)]);

        var first = await reservations.ReserveAsync([request], default);
        var again = await reservations.ReserveAsync([request], default);

        Assert.True(first["o2"].IsReserved);
        Assert.True(again["o2"].IsReserved);
        Assert.Equal(3, (await inventory.GetAsync("c", default))!.Quantity);
    }

    [Fact]
    public async Task A_refused_order_stays_refused_after_a_restock()
    {
        await inventory.SetAsync(new InventoryItem("d", 1, 1m), default);
        ReservationRequest request = new("o3", [new OrderLine("d", 2)]);

        var first = await reservations.ReserveAsync([request], default);
        await inventory.SetAsync(new InventoryItem("d", 100, 1m), default);
        var again = await reservations.ReserveAsync([request], default);

        Assert.False(first["o3"].IsReserved);
        Assert.False(again["o3"].IsReserved);
        Assert.Equal(100, (await inventory.GetAsync("d", default))!.Quantity);
    }

    [Fact]
    public async Task Concurrent_reservers_never_sell_more_than_the_stock()
    {
        await inventory.SetAsync(new InventoryItem("e", 10, 1m), default);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker =>
            reservations.ReserveAsync(Enumerable.Range(0, 3).Select(i => new ReservationRequest($"w{worker}-{i}", [new OrderLine("e", 1)])).ToList(), default)));

        var reserved = outcomes.SelectMany(o => o.Values).Count(o => o.IsReserved);
        Assert.Equal(10, reserved);
        Assert.Equal(0, (await inventory.GetAsync("e", default))!.Quantity);
    }

    [Fact]
    public async Task A_batch_with_more_orders_on_one_sku_than_a_transaction_holds_is_reserved_in_rounds()
    {
        await inventory.SetAsync(new InventoryItem("f", 150, 1m), default);
        await inventory.SetAsync(new InventoryItem("g", 1000, 1m), default);
        var requests = Enumerable.Range(0, 250).Select(i => new ReservationRequest($"big-{i}", [new OrderLine("f", 1), new OrderLine("g", 2)])).ToList();

        var outcomes = await reservations.ReserveAsync(requests, default);

        Assert.Equal(150, outcomes.Values.Count(o => o.IsReserved));
        Assert.All(requests.Skip(150), r => Assert.Equal(["f"], outcomes[r.OrderId].ShortSkus));
        Assert.Equal(0, (await inventory.GetAsync("f", default))!.Quantity);
        Assert.Equal(700, (await inventory.GetAsync("g", default))!.Quantity);
    }
}
