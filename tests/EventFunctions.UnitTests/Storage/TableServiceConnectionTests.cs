using Azure.Data.Tables;
using EventFunctions.Storage;
using Microsoft.Extensions.Configuration;

namespace EventFunctions.UnitTests.Storage;

public class TableServiceConnectionTests
{
    private static TableServiceClient Connect(params (string Key, string Value)[] settings) =>
        TableServiceConnection.Create(
            new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build(),
            new TableClientOptions());

    [Fact]
    public void Without_settings_it_is_Azurite()
    {
        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), Connect().Uri);
    }

    [Fact]
    public void A_connection_string_names_the_account()
    {
        var client = Connect((TableServiceConnection.Setting, "DefaultEndpointsProtocol=https;AccountName=orders;AccountKey=" + Convert.ToBase64String(new byte[64]) + ";EndpointSuffix=core.windows.net"));

        Assert.Equal("orders", client.AccountName);
    }

    [Fact]
    public void An_identity_based_connection_uses_the_table_service_uri_as_the_Functions_host_names_it()
    {
        // Environment variables spell the section separator as "__": AzureWebJobsStorage__tableServiceUri.
        var client = Connect(
            (TableServiceConnection.ServiceUriSetting, "https://orders.table.core.windows.net"),
            (TableServiceConnection.ClientIdSetting, "00000000-0000-0000-0000-000000000001"));

        Assert.Equal(new Uri("https://orders.table.core.windows.net"), client.Uri);
        Assert.Equal("AzureWebJobsStorage:tableServiceUri", TableServiceConnection.ServiceUriSetting);
    }
}
