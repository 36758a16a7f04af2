using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using EventFunctions.Http;
using EventFunctions.Storage;
using EventFunctions.Views.Rebuild;
using EventFunctions.Views;

namespace EventFunctions.LocalHost.Benchmark;

/// <summary>
/// Places N orders through a freshly started pipeline over its HTTP API and reports throughput from the first
/// POST to the last final status, latency from placed to final, and Table Storage round trips per order.
/// It waits for each order with the API's own long poll, <see cref="OrderViewWaiter"/>, called in process
/// (<c>--observe view</c>, the default), or over HTTP (<c>--observe api</c>), which adds N concurrent connections
/// to the same two cores and measures the HTTP stack under that load as much as the pipeline.
/// </summary>
public static class OrderBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var orders = IntArg(args, "--orders", 2000);
        var concurrency = IntArg(args, "--concurrency", 64);
        var skus = IntArg(args, "--skus", 20);
        var observeApi = StringArg(args, "--observe", ObserveView) == ObserveApi;
        // What is not the benchmark's own option (or its value) is a setting for the pipeline.
        string[] own = ["--orders", "--concurrency", "--skus", "--observe"];
        var settings = args.Where((a, i) => !own.Any(a.StartsWith) && (i == 0 || !own.Contains(args[i - 1]))).ToArray();

        await using var pipeline = await LocalPipeline.StartAsync(settings, new LocalPipelineOptions
        {
            Urls = "http://127.0.0.1:0",
            TablePrefix = "bench" + Guid.NewGuid().ToString("N")[..8],
        });
        using var http = new HttpClient { BaseAddress = pipeline.BaseAddress, Timeout = TimeSpan.FromMinutes(2) };
        await WaitUntilReadyAsync(http);
        // New tables: the daily sales read model is built first (from empty topics, 15 s). Measure the pipeline as it
        // runs, not that first build's consumer beside it.
        Console.WriteLine("waiting for the read models' first build to switch…");
        if (await pipeline.Services.GetRequiredService<BuildsInProgress>().WaitWhileAnyAsync(TimeSpan.FromSeconds(60), TimeProvider.System, CancellationToken.None))
            throw new TimeoutException("The read models' first build did not switch within 60 s.");

        for (var i = 0; i < skus; i++)
            (await http.PutAsJsonAsync($"/api/inventory/{Sku(i)}", new SetInventoryRequest(orders * 10, 1m + i))).EnsureSuccessStatusCode();

        var roundTrips = pipeline.Services.GetRequiredService<StorageRoundTrips>();
        var before = roundTrips.Snapshot();
        var throttle = new SemaphoreSlim(concurrency);
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, orders).Select(async n =>
        {
            await throttle.WaitAsync();
            TimeSpan placedAt, acceptedAt;
            try
            {
                placedAt = clock.Elapsed;
                var lines = Enumerable.Range(0, 1 + n % 3).Select(k => new OrderLineRequest(Sku((n + k * 7) % skus), 1 + k)).ToList();
                var response = await http.PostAsJsonAsync("/api/orders", new PlaceOrderRequest($"bench-{n}", $"customer-{n % 100}", lines, "tok_visa"));
                response.EnsureSuccessStatusCode();
                acceptedAt = clock.Elapsed;
            }
            finally
            {
                throttle.Release();
            }
            var view = observeApi ? await LongPollForFinalAsync(http, $"bench-{n}") : await ObserveFinalAsync(pipeline.Services, $"bench-{n}");
            return (Placed: placedAt, Accepted: acceptedAt, Final: clock.Elapsed, view.Status);
        }));
        var after = roundTrips.Snapshot();

        var latencies = results.Select(r => (r.Final - r.Placed).TotalMilliseconds).Order().ToArray();
        var elapsed = results.Max(r => r.Final) - results.Min(r => r.Placed);
        Console.WriteLine($"observed through:     {(observeApi ? "the API's long poll over HTTP, one request per order" : "the API's long poll, in process")}");
        Console.WriteLine($"orders:               {orders} ({string.Join(", ", results.GroupBy(r => r.Status).Select(g => $"{g.Count()} {g.Key}"))})");
        Console.WriteLine($"elapsed:              {elapsed.TotalSeconds:F1} s (first POST to last final status)");
        Console.WriteLine($"placing:              {(results.Max(r => r.Accepted) - results.Min(r => r.Placed)).TotalSeconds:F1} s to have every order accepted (202), p50 {Percentile(results.Select(r => (r.Accepted - r.Placed).TotalMilliseconds).Order().ToArray(), 0.5):F0} ms per POST");
        Console.WriteLine($"throughput:           {orders / elapsed.TotalSeconds:F0} orders/s");
        Console.WriteLine($"latency placed→final: p50 {Percentile(latencies, 0.50):F0} ms, p99 {Percentile(latencies, 0.99):F0} ms, max {latencies[^1]:F0} ms");
        // The functions' own round trips; the API's claim, the simulated gateway's keys and the benchmark's reads apart.
        string[] notFunctions = [StorageRoundTrips.Api, BenchmarkReads, TableIdempotencyKeys.Caller];
        var functionTrips = after.Where(a => !notFunctions.Contains(a.Key)).Sum(a => a.Value - before.GetValueOrDefault(a.Key));
        Console.WriteLine($"table round trips:    {(double)functionTrips / orders:F2} per order by the functions; by each caller:");
        foreach (var (caller, count) in after.OrderBy(a => notFunctions.Contains(a.Key)).ThenBy(a => a.Key))
            Console.WriteLine($"  {caller,-28} {(double)(count - before.GetValueOrDefault(caller)) / orders:F2} per order");
        return results.All(r => r.Status.IsFinal()) ? 0 : 1;
    }

    private const string ObserveView = "view";
    private const string ObserveApi = "api";
    private const string BenchmarkReads = "benchmark reads";

    private static string Sku(int i) => $"sku-{i:D3}";

    private static async Task<OrderView> ObserveFinalAsync(IServiceProvider services, string orderId)
    {
        var waiter = services.GetRequiredService<OrderViewWaiter>();
        using var _ = StorageRoundTrips.AttributeTo(BenchmarkReads);
        while (true)
        {
            if (await waiter.WaitAsync(orderId, afterVersion: null, untilComplete: true, OrderQuery.MaxWait, CancellationToken.None) is { IsComplete: true } view)
                return view;
        }
    }

    private static async Task<OrderView> LongPollForFinalAsync(HttpClient http, string orderId)
    {
        while (true)
        {
            var response = await http.GetAsync($"/api/orders/{orderId}?waitFor={OrderQuery.FinalStatus}&waitSeconds=30");
            if (!response.IsSuccessStatusCode) continue;
            var view = (await response.Content.ReadFromJsonAsync<OrderView>(OrdersApi.Json))!;
            if (view.IsComplete) return view;
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

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static string StringArg(string[] args, string name, string fallback)
    {
        var i = Array.FindIndex(args, a => a == name || a.StartsWith(name + "="));
        if (i < 0) return fallback;
        return (args[i].Contains('=') ? args[i].Split('=', 2)[1] : args.ElementAtOrDefault(i + 1)) ?? fallback;
    }

    private static int IntArg(string[] args, string name, int fallback)
    {
        var text = StringArg(args, name, "");
        return int.TryParse(text, CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }
}
