using System.Text;
using EventFunctions.Storage;

namespace EventFunctions.UnitTests.Storage;

public class OrderShardTests
{
    // The test vectors of Kafka's own UtilsTest.testMurmur2 (Java client).
    [Theory]
    [InlineData("21", -973932308)]
    [InlineData("foobar", -790332482)]
    [InlineData("a-little-bit-long-string", -985981536)]
    [InlineData("a-little-bit-longer-string", -1486304829)]
    [InlineData("lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8", -58897971)]
    public void Murmur2_matches_the_Java_client(string key, int expected)
    {
        Assert.Equal(expected, OrderShard.Murmur2(Encoding.UTF8.GetBytes(key)));
    }

    [Fact]
    public void Murmur2_matches_the_Java_client_on_raw_bytes()
    {
        Assert.Equal(479470107, OrderShard.Murmur2("abc"u8));
    }

    [Fact]
    public void The_partition_is_the_positive_hash_modulo_the_partition_count_as_Java_producers_choose()
    {
        // toPositive(-973932308) = -973932308 & 0x7fffffff = 1173551340; 1173551340 % 8 = 4.
        Assert.Equal(1173551340 % 8, OrderShard.KafkaPartitionOf("21", 8));
        Assert.Equal("shard-04", OrderShard.Of("21"));
    }

    [Fact]
    public void Orders_spread_over_every_shard()
    {
        var shards = Enumerable.Range(0, 1000).Select(i => OrderShard.Of($"order-{i}")).ToHashSet();

        Assert.Equal(Topics.Partitions, shards.Count);
    }
}
