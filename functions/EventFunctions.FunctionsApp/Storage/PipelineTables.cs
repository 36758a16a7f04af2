using Azure;
using EventFunctions.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EventFunctions.FunctionsApp.Storage;

/// <summary>
/// Creates the pipeline's tables when the worker starts, so <c>func start</c> against a fresh Azurite just works.
/// In Azure the deployment creates them; an identity allowed only to read and write rows is then refused here, harmlessly.
/// </summary>
public sealed class PipelineTables(TableStorage tables, ILogger<PipelineTables> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await tables.EnsureCreatedAsync(cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 403)
        {
            logger.LogWarning("Not allowed to create tables ({Reason}); they must exist already: {Tables}", e.ErrorCode, string.Join(", ", TableStorage.All));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
