using System.Text;
using EventFunctions.Contracts;

namespace EventFunctions.Storage;

/// <summary>
/// The Table partition of an order's rows: Kafka's murmur2 partition of the order id over <see cref="Topics.Partitions"/>.
/// Because producers use the same hash (<c>murmur2_random</c>), a batch read from one Kafka partition
/// writes to one Table partition, and so commits in as few entity group transactions as its size allows.
/// </summary>
public static class OrderShard
{
    public static string Of(string orderId) => OfPartition(KafkaPartitionOf(orderId, Topics.Partitions));

    /// <summary>The Table partition that holds the orders of Kafka partition <paramref name="partition"/>.</summary>
    public static string OfPartition(int partition) => "shard-" + partition.ToString("D2");

    public static int KafkaPartitionOf(string key, int partitions) =>
        (Murmur2(Encoding.UTF8.GetBytes(key)) & 0x7fffffff) % partitions;

    /// <summary>Kafka's <c>Utils.murmur2</c>, as the Java client and librdkafka's murmur2 partitioners compute it.</summary>
    public static int Murmur2(ReadOnlySpan<byte> data)
    {
        const uint m = 0x5bd1e995;
        const int r = 24;
        var length = data.Length;
        var h = 0x9747b28cu ^ (uint)length;

        var i = 0;
        for (; i + 4 <= length; i += 4)
        {
            var k = (uint)(data[i] | data[i + 1] << 8 | data[i + 2] << 16 | data[i + 3] << 24);
            k *= m;
            k ^= k >> r;
            k *= m;
            h *= m;
            h ^= k;
        }

        switch (length - i)
        {
            case 3:
                h ^= (uint)data[i + 2] << 16;
                goto case 2;
            case 2:
                h ^= (uint)data[i + 1] << 8;
                goto case 1;
            case 1:
                h ^= data[i];
                h *= m;
                break;
        }

        h ^= h >> 13;
        h *= m;
        h ^= h >> 15;
        return (int)h;
    }
}
