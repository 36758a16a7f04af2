using System.Net.Http.Json;
using Azure.Data.Tables;
using EventFunctions.LocalHost;
using EventFunctions.Orders.Intake;
using EventFunctions.Orders.Inventory;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.Storage;
using EventFunctions.TestKit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EventFunctions.IntegrationTests.Infrastructure;

/// <summary>
/// One pipeline for the whole integration suite: the embedded Kafka cluster, Azurite (started by test.sh) under a
/// table prefix of its own, the five triggers and the HTTP API on a free port. Tests isolate themselves by ids.
/// </summary>
public class PipelineFixture : IAsyncLifetime
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private LocalPipeline? pipeline;

    public LocalPipeline Pipeline => pipeline ?? throw new InvalidOperationException("The pipeline has not started.");

    public HttpClient Http { get; private set; } = null!;

    /// <summary>Everything the pipeline logged.</summary>
    public RecordedLogs Logs { get; } = new();

    public TableStorage Tables => Pipeline.Services.GetRequiredService<TableStorage>();

    /// <summary>This run's table prefix: another host given it shares the pipeline's tables.</summary>
    public string TablePrefix { get; } = TestIds.TablePrefix("it");

    public async Task InitializeAsync()
    {
        await AzuriteProbe.EnsureReachableAsync();
        pipeline = await LocalPipeline.StartAsync([], Options(new LocalPipelineOptions
        {
            Urls = "http://127.0.0.1:0",
            TablePrefix = TablePrefix,
            RetryPolicy = new Processing.Retries.RetryPolicy { UnknownFailureAttempts = 3 },
            ConfigureLogging = logging => logging.AddProvider(Logs),
        }));
        Http = new HttpClient { BaseAddress = pipeline.BaseAddress, Timeout = Patience + TimeSpan.FromSeconds(10) };
        await Eventually.TrueAsync(async () => (await Http.GetAsync("/api/health")).IsSuccessStatusCode, Patience, "every consumer holds partitions");
    }

    /// <summary>What a derived fixture changes in the pipeline it starts.</summary>
    protected virtual LocalPipelineOptions Options(LocalPipelineOptions options) => options;

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (pipeline is not null) await pipeline.DisposeAsync();
    }

    public async Task StockAsync(string sku, int quantity, decimal unitPrice)
    {
        var response = await Http.PutAsJsonAsync($"/api/inventory/{sku}", new SetInventoryRequest(quantity, unitPrice));
        response.EnsureSuccessStatusCode();
    }

    public async Task<int> AvailableAsync(string sku) =>
        (await Http.GetFromJsonAsync<InventoryItem>($"/api/inventory/{sku}", OrdersApi.Json))!.Quantity;

    /// <summary>The dead letters of an order, on every dead-letter topic, read straight from Kafka.</summary>
    public IReadOnlyList<Confluent.Kafka.ConsumeResult<byte[], byte[]>> DeadLettersOf(string orderId)
    {
        var probe = new KafkaProbe(Pipeline.Kafka);
        return Contracts.Topics.All.SelectMany(t => probe.ReadAll(Contracts.Topics.DeadLetterOf(t.Name)))
            .Where(r => r.Message.Key is { } key && System.Text.Encoding.UTF8.GetString(key) == orderId)
            .ToList();
    }

    public async Task<string> PlaceAsync(string orderId, string customerId, string paymentToken, params (string Sku, int Quantity)[] lines)
    {
        var request = TestOrders.Place(orderId).By(customerId).Lines(lines.Select(l => new OrderLineRequest(l.Sku, l.Quantity))).PaidWith(paymentToken).Build();
        var response = await Http.PostAsJsonAsync("/api/orders", request);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return orderId;
    }

    /// <summary>
    /// An order for a sku of its own (10 in stock at 1.00), paid with a card that is captured, and its final view.
    /// Ten or fewer are confirmed; <see cref="Orders.ValidateOrder.OrderValidation.MaxQuantity"/> is charged, found
    /// short and refunded, so the order crosses all five topics.
    /// </summary>
    public async Task<(string OrderId, OrderView View)> FinishedOrderAsync(string customerId, int quantity = 1)
    {
        var sku = TestIds.Sku("sku");
        await StockAsync(sku, 10, 1m);
        var orderId = await PlaceAsync(TestIds.Order("order"), customerId, "tok_visa", (sku, quantity));
        return (orderId, await FinalViewAsync(orderId));
    }

    /// <summary>Long-polls the view (no sleeping loop) until its status is final and every event that led there is in it.</summary>
    public Task<OrderView> FinalViewAsync(string orderId) => FinalViewAtAsync($"/api/orders/{orderId}");

    /// <summary>As <see cref="FinalViewAsync"/>, for the view at <paramref name="location"/>, such as the Location of a 202.</summary>
    public async Task<OrderView> FinalViewAtAsync(string location)
    {
        var deadline = DateTime.UtcNow + Patience;
        var separator = location.Contains('?') ? '&' : '?';
        while (DateTime.UtcNow < deadline)
        {
            var response = await Http.GetAsync($"{location}{separator}waitFor={OrderQuery.FinalStatus}&waitSeconds=10");
            if (!response.IsSuccessStatusCode) continue;
            var view = (await response.Content.ReadFromJsonAsync<OrderView>(OrdersApi.Json))!;
            if (view.IsComplete) return view;
        }
        throw new TimeoutException($"The order at {location} did not reach a final status within {Patience}.");
    }

    /// <summary>The ledger rows (charge, refund) of an order, read straight from Table Storage.</summary>
    public async Task<IReadOnlyList<TableEntity>> LedgerAsync(string orderId)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {OrderShard.Of(orderId)} and OrderId eq {orderId}");
        var rows = new List<TableEntity>();
        await foreach (var row in Tables.Table(TableStorage.Payments).QueryAsync<TableEntity>(filter)) rows.Add(row);
        return rows;
    }
}

[CollectionDefinition(Name)]
public sealed class PipelineCollection : ICollectionFixture<PipelineFixture>
{
    public const string Name = "pipeline";
}
