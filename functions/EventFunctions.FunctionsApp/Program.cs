using EventFunctions.FunctionsApp;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The Azure Functions isolated worker. The Functions host owns the Kafka triggers and the HTTP front; the functions
// here only translate its batches and requests for the pipeline, which knows nothing of its host.
var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddFunctionsApp(builder.Configuration);
builder.Build().Run();
