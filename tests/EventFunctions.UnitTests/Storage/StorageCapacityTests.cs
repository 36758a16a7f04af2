using EventFunctions.Storage;

namespace EventFunctions.UnitTests.Storage;

public class StorageCapacityTests
{
    /// <summary>
    /// 100 orders: each writes 6 entities to its shard of Reservations (spread evenly over the 8 shards, 75 each) and
    /// reads or writes 3 in the sku partitions of Inventory, half of them in sku-000; the gateway's keys take 1 each.
    /// </summary>
    private static readonly Dictionary<TablePartition, long> Measured = new()
    {
        [new("Reservations", "shard-00")] = 75, [new("Reservations", "shard-01")] = 75, [new("Reservations", "shard-02")] = 75, [new("Reservations", "shard-03")] = 75,
        [new("Reservations", "shard-04")] = 75, [new("Reservations", "shard-05")] = 75, [new("Reservations", "shard-06")] = 75, [new("Reservations", "shard-07")] = 75,
        [new("Inventory", "sku-000")] = 150, [new("Inventory", "sku-001")] = 100, [new("Inventory", "sku-002")] = 50,
        [new("PaymentGateway", "keys-a")] = 100,
        [new("OrderViews", "shard-05")] = 0,
    };

    private static readonly StorageCapacity Capacity = StorageCapacity.Of(100, Measured);

    [Fact]
    public void One_account_carries_its_target_over_every_entity_an_order_reads_or_writes()
    {
        Assert.Equal(6 + 3 + 1, Capacity.EntitiesPerOrder, 6);
        Assert.Equal(20_000.0 / 10, Capacity.AccountOrdersPerSecond, 6);
    }

    [Fact]
    public void One_shard_partition_carries_the_orders_hashed_to_it_at_what_its_table_takes_per_order()
    {
        var shard = Capacity.HottestShard!;

        Assert.Equal(("Reservations", "shard-*", 8), (shard.Table, shard.Pattern, shard.Partitions));
        Assert.Equal(2_000.0 / 6, shard.OrdersPerSecondInOnePartition, 6);
        Assert.Equal(2_000.0 / 0.75, shard.OrdersPerSecondAsSpread, 6);
    }

    [Fact]
    public void A_kind_that_is_not_per_order_is_bounded_by_its_hottest_partition_and_by_one_partition_taking_it_all()
    {
        var skus = Capacity.HottestOtherKind!;

        Assert.Equal(("Inventory", "sku-*", "sku-000"), (skus.Table, skus.Pattern, skus.HottestKey));
        Assert.Equal(2_000.0 / 1.5, skus.OrdersPerSecondAsSpread, 6);
        Assert.Equal(2_000.0 / 3, skus.OrdersPerSecondInOnePartition, 6);
        Assert.Same(skus, Capacity.Hottest);
    }

    [Fact]
    public void The_lines_say_what_one_account_one_shard_and_the_hottest_partition_carry()
    {
        var lines = Capacity.Lines().ToList();

        Assert.Contains(lines, l => l.Contains("one storage account:  10.00 entities/order → 2,000 orders/s"));
        Assert.Contains(lines, l => l.Contains("one shard partition carries 333 orders/s; 8 shards 2,667 orders/s"));
        Assert.Contains(lines, l => l.Contains("Inventory sku-* takes 3.00 entities/order → 667 orders/s if one partition took all of it (a single hot sku)"));
        Assert.Contains(lines, l => l.Contains("hottest partition:    Inventory sku-000, 1.50 entities/order → 1,333 orders/s"));
        Assert.Contains(lines, l => l.StartsWith("  Inventory sku-* (3)") && l.Contains("sku-000 (1.50)"));
        Assert.DoesNotContain(lines, l => l.Contains("OrderViews"));
    }

    [Theory]
    [InlineData("shard-03", "shard-*")]
    [InlineData("customers-05", "customers-*")]
    [InlineData("keys-a", "keys-*")]
    [InlineData("sku-007", "sku-*")]
    [InlineData("views", "views")]
    public void A_partitions_kind_is_its_key_up_to_its_last_separator(string key, string pattern) =>
        Assert.Equal(pattern, StorageCapacity.PatternOf(key));

    [Fact]
    public void Nothing_measured_says_so_rather_than_dividing_by_zero() =>
        Assert.Equal("  no Table requests measured", StorageCapacity.Of(10, new Dictionary<TablePartition, long>()).Lines().Last());
}
