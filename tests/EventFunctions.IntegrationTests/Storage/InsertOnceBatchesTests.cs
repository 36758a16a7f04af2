using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using EventFunctions.IntegrationTests.Infrastructure;
using EventFunctions.Storage;

namespace EventFunctions.IntegrationTests.Storage;

/// <summary>Rows written once, batched by partition, against Azurite held up by a request that hangs.</summary>
[Trait("Category", "Integration")]
public sealed class InsertOnceBatchesTests : IAsyncLifetime
{
    private readonly HangFirst hang = new();
    private readonly TableClient table;

    public InsertOnceBatchesTests()
    {
        var options = new TableClientOptions();
        options.AddPolicy(hang, HttpPipelinePosition.PerRetry);
        table = new TableServiceClient("UseDevelopmentStorage=true", options).GetTableClient(TestIds.TablePrefix("io") + "Rows");
    }

    public async Task InitializeAsync()
    {
        await AzuriteProbe.EnsureReachableAsync();
        await table.CreateIfNotExistsAsync();
    }

    public Task DisposeAsync() => table.DeleteAsync();

    [Fact]
    public async Task A_row_whose_caller_gave_up_while_it_waited_is_never_written_and_the_next_for_its_key_is()
    {
        var batches = new InsertOnceBatches(table);
        // The first row's request hangs until its transaction's deadline; the rows behind it wait.
        var first = batches.InsertAsync(new TableEntity("p", "held-up") { ["Who"] = "first" }, CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(hang.Hanging), TimeSpan.FromSeconds(10), "the first request hangs");
        using (var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(200)))
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => batches.InsertAsync(new TableEntity("p", "key") { ["Who"] = "gave up" }, giveUp.Token));
        var next = batches.InsertAsync(new TableEntity("p", "key") { ["Who"] = "next" }, CancellationToken.None);

        await Assert.ThrowsAnyAsync<Exception>(() => first);
        var existing = await next;
        Assert.True(existing is null, $"next found a row there: {existing?.GetString("Who")}");
        Assert.Equal("next", (await table.GetEntityAsync<TableEntity>("p", "key")).Value.GetString("Who"));
    }

    /// <summary>Holds the first request it sees until it is cancelled: storage that hangs once.</summary>
    private sealed class HangFirst : HttpPipelinePolicy
    {
        private int seen;

        public bool Hanging { get; private set; }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline) =>
            ProcessAsync(message, pipeline).AsTask().GetAwaiter().GetResult();

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            // An insert into the table (POST /<table>), not the table's creation (POST /Tables).
            if (message.Request.Method == RequestMethod.Post && !message.Request.Uri.Path.EndsWith("/Tables", StringComparison.Ordinal)
                && Interlocked.Increment(ref seen) == 1)
            {
                Hanging = true;
                await Task.Delay(Timeout.InfiniteTimeSpan, message.CancellationToken);
            }
            await ProcessNextAsync(message, pipeline);
        }
    }
}
