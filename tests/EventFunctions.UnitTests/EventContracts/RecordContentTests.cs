using System.Text;
using EventFunctions.Messaging;

namespace EventFunctions.UnitTests.EventContracts;

/// <summary>The rule lineage checks a record by: the same bytes within a version, the same upcast data across versions.</summary>
public class RecordContentTests
{
    private static readonly byte[] V1 = Utf8("""{"orderId":"o-1","paymentId":"ch_1","amount":5.00,"lines":[{"sku":"pen","quantity":2}]}""");
    private static readonly byte[] V2 = Utf8("""{"orderId":"o-1","paymentId":"ch_1","amount":5.00,"lines":[{"sku":"pen","quantity":2}],"currency":"EUR"}""");

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static bool Same(int version, byte[] value, int storedVersion, byte[] stored) =>
        RecordContent.Same(typeof(PaymentCaptured), version, value, storedVersion, stored);

    [Fact]
    public void An_old_record_is_the_same_as_its_re_emission_in_the_new_version() =>
        Assert.True(Same(1, V1, 2, V2));

    [Fact]
    public void Across_versions_other_data_is_not_the_same()
    {
        Assert.False(Same(1, Utf8(Encoding.UTF8.GetString(V1).Replace("5.00", "500.00")), 2, V2));
        Assert.False(Same(2, Utf8(Encoding.UTF8.GetString(V2).Replace("EUR", "USD")), 1, V1));
        Assert.False(Same(1, Utf8(Encoding.UTF8.GetString(V1).Replace("}]}", "}],\"extra\":1}")), 2, V2));
    }

    [Fact]
    public void Within_a_version_only_the_very_bytes_are_the_same()
    {
        Assert.True(Same(2, V2, 2, [.. V2]));
        Assert.False(Same(2, Utf8(Encoding.UTF8.GetString(V2).Replace(",\"currency\"", " ,\"currency\"")), 2, V2));
    }

    [Fact]
    public void Data_that_cannot_be_read_is_the_same_as_nothing()
    {
        Assert.False(Same(1, Utf8("{\"orderId\":"), 2, V2));
        Assert.False(Same(1, V1, 2, null!));
    }
}
