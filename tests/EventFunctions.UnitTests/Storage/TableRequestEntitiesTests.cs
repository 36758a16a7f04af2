using System.Text;
using EventFunctions.Storage;

namespace EventFunctions.UnitTests.Storage;

/// <summary>Requests laid out as the Table REST API does (Azurite names the account in the path; Azure in the host).</summary>
public class TableRequestEntitiesTests
{
    private const string Azurite = "http://127.0.0.1:10002/devstoreaccount1";

    [Fact]
    public void A_transaction_of_inserts_counts_each_operation_in_the_partition_its_first_entity_names()
    {
        var body = Batch(
            Operation("POST", $"{Azurite}/benchab12Reservations", """{"PartitionKey":"shard-03","RowKey":"a"}"""),
            Operation("POST", $"{Azurite}/benchab12Reservations", """{"PartitionKey":"shard-03","RowKey":"b"}"""));

        var (partition, entities) = TableRequestEntities.Written(new Uri($"{Azurite}/$batch"), body);

        Assert.Equal(new TablePartition("benchab12Reservations", "shard-03"), partition);
        Assert.Equal(2, entities);
    }

    [Fact]
    public void A_transaction_of_upserts_and_deletes_takes_its_partition_from_the_first_operations_url()
    {
        var body = Batch(
            Operation("PUT", $"{Azurite}/Inventory(PartitionKey='o%27%27brien',RowKey='item')", """{"Available":3}"""),
            Operation("DELETE", $"{Azurite}/Inventory(PartitionKey='o%27%27brien',RowKey='order%7C1')", ""));

        var (partition, entities) = TableRequestEntities.Written(new Uri($"{Azurite}/$batch"), body);

        Assert.Equal(new TablePartition("Inventory", "o'brien"), partition);
        Assert.Equal(2, entities);
    }

    [Theory]
    [InlineData("https://account.table.core.windows.net/OrderViews(PartitionKey='customers-05',RowKey='c-1')", "", "OrderViews", "customers-05")]
    [InlineData(Azurite + "/PaymentGateway", """{"Request":"{\"PartitionKey\":\"inner\"}","PartitionKey":"keys-7","RowKey":"7f"}""", "PaymentGateway", "keys-7")]
    public void A_single_write_is_one_entity_in_the_partition_of_its_url_or_else_its_body(string url, string body, string table, string key) =>
        Assert.Equal((new TablePartition(table, key), 1), TableRequestEntities.Written(new Uri(url), Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void A_point_read_is_one_entity_whatever_it_found()
    {
        var read = TableRequestEntities.Read(new Uri($"{Azurite}/Inventory(PartitionKey='sku-007',RowKey='item')?$select=Available"), """{"odata.error":{}}"""u8);

        Assert.Equal([(new TablePartition("Inventory", "sku-007"), 1)], read);
    }

    [Fact]
    public void A_query_counts_each_row_in_its_own_partition_or_else_in_the_filters()
    {
        var uri = new Uri($"{Azurite}/Validations()?$filter=PartitionKey%20eq%20%27shard-01%27%20and%20(RowKey%20eq%20%27a%27)&$select=Fingerprint");
        var answer = """{"odata.metadata":"m","value":[{"odata.etag":"e","Fingerprint":"x"},{"PartitionKey":"shard-02","value":[{}]},{"Fingerprint":"y"}]}"""u8;

        var read = TableRequestEntities.Read(uri, answer);

        Assert.Equal([(new TablePartition("Validations", "shard-01"), 2), (new TablePartition("Validations", "shard-02"), 1)], read.OrderBy(r => r.Partition.Key));
    }

    [Fact]
    public void A_query_that_finds_nothing_still_counts_one_entity_in_the_filters_partition()
    {
        var read = TableRequestEntities.Read(new Uri($"{Azurite}/DailySales()?$filter=PartitionKey%20eq%20%27sku-001%27"), """{"value":[]}"""u8);

        Assert.Equal([(new TablePartition("DailySales", "sku-001"), 1)], read);
    }

    private static byte[] Batch(params string[] operations) => Encoding.UTF8.GetBytes(
        "--batch_1\r\nContent-Type: multipart/mixed; boundary=changeset_1\r\n\r\n" +
        string.Concat(operations.Select(o => "--changeset_1\r\n" + o)) +
        "--changeset_1--\r\n--batch_1--\r\n");

    private static string Operation(string method, string url, string json) =>
        "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n" +
        $"{method} {url} HTTP/1.1\r\nAccept: application/json;odata=minimalmetadata\r\nContent-Type: application/json\r\n\r\n{json}\r\n";
}
