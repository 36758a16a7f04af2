using System.Diagnostics;
using System.Net.Http.Json;
using Azure;
using Azure.Data.Tables;
using Confluent.Kafka;
using EventFunctions.Http;
using EventFunctions.Orders.Intake;
using EventFunctions.LocalHost;
using EventFunctions.Storage;
using EventFunctions.ReadSide.Versions;

namespace EventFunctions.Benchmark;

/// <summary>
/// Runs a freshly started pipeline (new tables) under load over its HTTP API, in one of three modes:
/// <list type="bullet">
/// <item>closed (<c>--orders N</c>): every order posted at once, 64 POSTs in flight: throughput;</item>
/// <item>open (<c>--rate R --duration S</c>): an order every 1/R s whatever the answers: the latency users feel at that rate;</item>
/// <item>ramp (<c>--ramp</c>): open loads of rising rate until p99 placed→final passes a bound: the saturation rate.</item>
/// </list>
/// Each prints placed→final percentiles, each function's step latency, CPU per order (host and Azurite), Table
/// entities and bytes written per order by each function, and Kafka records per order.
/// </summary>
public static class OrderBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = new BenchmarkArgs(args);
        var plan = BenchmarkPlan.From(options);
        var tablePrefix = "bench" + Guid.NewGuid().ToString("N")[..8];
        var pipeline = await LocalPipeline.StartAsync(options.PipelineSettings(), new LocalPipelineOptions { Urls = "http://127.0.0.1:0", TablePrefix = tablePrefix });
        var tables = pipeline.Services.GetRequiredService<TableStorage>().Service;
        try
        {
            return await RunAsync(pipeline, plan, tablePrefix);
        }
        finally
        {
            await pipeline.DisposeAsync();
            await DeleteTablesAsync(tables, tablePrefix);
        }
    }

    private static async Task<int> RunAsync(LocalPipeline pipeline, BenchmarkPlan plan, string tablePrefix)
    {
        using var http = new HttpClient { BaseAddress = pipeline.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        using var admin = new AdminClientBuilder(pipeline.Kafka.AdminConfig()).Build();
        using var steps = new EffectLatencies();
        var storage = pipeline.Services.GetRequiredService<StorageRoundTrips>();
        storage.MeasureWrites = true;
        await WaitUntilReadyAsync(http);
        // New tables: the daily sales read model is built first (from empty topics, 15 s). Measure the pipeline as it
        // runs, not that first build's consumer beside it.
        Console.WriteLine("waiting for the read models' first build to switch…");
        await WaitForReadModelsAsync(pipeline.Services.GetRequiredService<IViewVersionStore>());
        for (var i = 0; i < plan.Skus; i++)
            (await http.PutAsJsonAsync($"/api/inventory/{OrderLoad.Sku(i)}", new SetInventoryRequest(10_000_000, 1m + i))).EnsureSuccessStatusCode();

        var load = new OrderLoad(http, pipeline.Services, plan.Skus, plan.ObserveOverHttp);
        Console.WriteLine($"observed through:      {(plan.ObserveOverHttp ? "the API's long poll over HTTP, one request per order" : "the API's long poll, in process")}");

        async Task<LoadReport> MeasureAsync(Func<Task<IReadOnlyList<OrderOutcome>>> run)
        {
            steps.TakeMilliseconds();
            var before = await PipelineCost.SnapshotAsync(storage, admin, tablePrefix);
            var outcomes = await run();
            var cost = (await PipelineCost.SnapshotAsync(storage, admin, tablePrefix)).Since(before);
            return new LoadReport(outcomes, cost, steps.TakeMilliseconds());
        }

        if (plan.Preload > 0)
        {
            // Tables that have grown, as they do in service: what a read or a scan costs then, not on empty tables.
            Console.WriteLine($"preloading:            {plan.Preload} orders into the same tables, not counted");
            var preloaded = await load.AllAtOnceAsync("preload", plan.Preload, plan.Concurrency);
            if (preloaded.Count != plan.Preload) Console.WriteLine($"preloading:            only {preloaded.Count} of {plan.Preload} orders were placed");
        }

        if (plan.IsOpen)
        {
            var warmupRate = plan.Ramp?.From ?? plan.Rate;
            Console.WriteLine($"warming up:            {plan.Warmup.TotalSeconds:F0} s at {warmupRate:F0} orders/s, not counted");
            await load.AtRateAsync("warmup", warmupRate, plan.Warmup);
        }

        if (plan.Ramp is { } ramp) return await RampAsync(ramp, (r, i) => MeasureAsync(() => load.AtRateAsync($"ramp{i}", r, ramp.StepDuration)));

        LoadReport report;
        if (plan.Rate > 0)
        {
            Console.WriteLine($"mode:                  open loop, {plan.Rate:F0} orders/s for {plan.Duration.TotalSeconds:F0} s");
            report = await MeasureAsync(() => load.AtRateAsync("open", plan.Rate, plan.Duration));
        }
        else
        {
            Console.WriteLine($"mode:                  closed, {plan.Orders} orders posted at once, {plan.Concurrency} POSTs in flight");
            report = await MeasureAsync(() => load.AllAtOnceAsync("closed", plan.Orders, plan.Concurrency));
            Console.WriteLine($"throughput:            {report.FinalRate:F0} orders/s (first POST to last final status)");
        }
        report.Print(Console.Out);
        if (load.RetriedPosts > 0) Console.WriteLine($"POSTs answered 503:    {load.RetriedPosts}, each placed again after its Retry-After (the same order)");
        return report.AllFinal ? 0 : 1;
    }

    /// <summary>
    /// Raises the rate by a step at a time, each step's orders all final before the next begins, until p99 placed→final
    /// passes the bound or the client cannot place orders at the rate asked; the saturation rate is the last step that held.
    /// </summary>
    private static async Task<int> RampAsync(RampPlan plan, Func<double, int, Task<LoadReport>> measure)
    {
        Console.WriteLine($"mode:                  ramp from {plan.From:F0} orders/s by {plan.Step:F0} every {plan.StepDuration.TotalSeconds:F0} s, until p99 placed→final > {plan.P99BoundMs:F0} ms");
        (double Rate, LoadReport Report)? held = null;
        var allFinal = true;
        for (var (rate, i) = (plan.From, 0); rate <= plan.MaxRate; rate += plan.Step, i++)
        {
            var report = await measure(rate, i);
            allFinal &= report.AllFinal;
            Console.WriteLine($"  {rate,5:F0}/s asked: {report.PlacedRate,5:F0}/s accepted, {report.FinalRate,5:F0}/s final, {report.Latency}; CPU {report.CpuMsPerOrder:F2} ms/order");
            if (report.P(0.99) > plan.P99BoundMs || report.PlacedRate < 0.95 * rate) break;
            held = (rate, report);
        }
        if (held is not { } saturation)
        {
            Console.WriteLine($"saturation rate:       below {plan.From:F0} orders/s (the first step passed the bound)");
            return 1;
        }
        Console.WriteLine($"saturation rate:       {saturation.Rate:F0} orders/s (the highest step with p99 ≤ {plan.P99BoundMs:F0} ms); at that step:");
        saturation.Report.Print(Console.Out);
        return allFinal ? 0 : 1;
    }

    /// <summary>
    /// The run's tables go with it: Azurite keeps every table in memory, and one it shares with later runs slows as they
    /// pile up (an idle pipeline made a long-lived Azurite busy half a core after twenty runs' tables).
    /// </summary>
    private static async Task DeleteTablesAsync(TableServiceClient service, string prefix)
    {
        try
        {
            await foreach (var table in service.QueryAsync($"TableName ge '{prefix}' and TableName lt '{prefix}~'"))
                await service.DeleteTableAsync(table.Name);
        }
        catch (RequestFailedException e)
        {
            Console.Error.WriteLine($"the run's tables ({prefix}*) could not all be deleted: {e.Message}");
        }
    }

    /// <summary>Until every read model serves a version and none is being built (a first build may not have begun yet).</summary>
    private static async Task WaitForReadModelsAsync(IViewVersionStore versions)
    {
        var deadline = Stopwatch.StartNew();
        foreach (var model in ReadModels.All)
        {
            while (await versions.GetAsync(model, CancellationToken.None) is { Active: null } or { Building: not null })
            {
                if (deadline.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException($"The {model.Name} read model's first build did not switch within 60 s.");
                await Task.Delay(200);
            }
        }
    }

    private static async Task WaitUntilReadyAsync(HttpClient http)
    {
        var deadline = Stopwatch.StartNew();
        while (!(await http.GetAsync("/api/health")).IsSuccessStatusCode)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60)) throw new TimeoutException("The pipeline's consumers did not get their partitions within 60 s.");
            await Task.Delay(200);
        }
    }
}
