using EventFunctions.FunctionsApp.Kafka;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.FunctionsApp.Tests.Adapter;

public sealed class KafkaRecordBatchTests
{
    [Fact]
    public void A_record_keeps_its_coordinates_key_value_and_headers_in_order()
    {
        var record = new KafkaRecord
        {
            Topic = "orders.placed", Partition = 5, Offset = 42, Key = "o-1"u8.ToArray(), Value = "{}"u8.ToArray(),
            Headers = [new KafkaHeader { Key = "ce_id", Value = "e-1"u8.ToArray() }, new KafkaHeader { Key = "bin", Value = [0xFF, 0x00] }, new KafkaHeader { Key = "ce_id", Value = "e-2"u8.ToArray() }],
        };

        var incoming = Assert.Single(new[] { record }.ToIncomingRecords());

        Assert.Equal(("orders.placed", 5, 42L), (incoming.Topic, incoming.Partition, incoming.Offset));
        Assert.Equal(record.Key, incoming.Key);
        Assert.Equal(record.Value, incoming.Value);
        Assert.Equal(record.Headers.Select(h => (h.Key, Convert.ToHexString(h.Value))), incoming.Headers.Select(h => (h.Key, Convert.ToHexString(h.Value!))));
    }

    [Fact]
    public void A_key_that_is_not_UTF8_stays_byte_for_byte()
    {
        byte[] key = [0xC3, 0x28, 0xFF, 0x00, 0x80, (byte)'o'];

        var incoming = new KafkaRecord { Topic = "orders.placed", Key = key, Value = "{}"u8.ToArray() }.ToIncomingRecord();

        Assert.Equal(key, incoming.Key);
    }

    [Fact]
    public void A_record_without_key_value_or_headers_stays_without_them()
    {
        var incoming = new KafkaRecord { Topic = "stock.reserved", Partition = 0, Offset = 0, Headers = [new KafkaHeader { Key = "empty" }] }.ToIncomingRecord();

        Assert.Null(incoming.Key);
        Assert.Null(incoming.Value);
        Assert.Null(Assert.Single(incoming.Headers).Value);
        Assert.Empty(new KafkaRecord { Topic = "t" }.ToIncomingRecord().Headers);
    }

    [Fact]
    public void A_record_keeps_its_time_as_the_host_extension_sends_it_with_the_type_not_available()
    {
        var produced = new DateTimeOffset(2026, 11, 30, 9, 15, 42, 123, TimeSpan.Zero);
        // The shape the host's Kafka extension 4.3.2 sends: the time in milliseconds, the type always NotAvailable.
        var record = new KafkaRecord
        {
            Topic = "orders.placed",
            Timestamp = new KafkaTimestamp { UnixTimestampMs = produced.ToUnixTimeMilliseconds(), Type = KafkaTimestampType.NotAvailable },
        };

        Assert.Equal(produced, record.ToIncomingRecord().Timestamp);
    }

    [Theory]
    [InlineData(KafkaTimestampType.CreateTime)]
    [InlineData(KafkaTimestampType.LogAppendTime)]
    public void A_record_keeps_its_time_whatever_type_a_later_host_may_send(KafkaTimestampType type)
    {
        var record = new KafkaRecord { Topic = "orders.placed", Timestamp = new KafkaTimestamp { UnixTimestampMs = 1_764_000_000_000, Type = type } };

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_764_000_000_000), record.ToIncomingRecord().Timestamp);
    }

    [Theory]
    [InlineData(-1L)]
    [InlineData(0L)]
    public void A_record_without_a_time_has_none_rather_than_the_epoch(long unixTimestampMs)
    {
        var record = new KafkaRecord { Topic = "orders.placed", Timestamp = new KafkaTimestamp { UnixTimestampMs = unixTimestampMs, Type = KafkaTimestampType.NotAvailable } };

        Assert.Null(record.ToIncomingRecord().Timestamp);
        Assert.Null(new KafkaRecord { Topic = "orders.placed" }.ToIncomingRecord().Timestamp);
    }
}
