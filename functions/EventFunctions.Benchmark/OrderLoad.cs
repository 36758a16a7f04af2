using System.Diagnostics;
using System.Net.Http.Json;
using EventFunctions.Http;
using EventFunctions.Orders.Intake;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.Storage;

namespace EventFunctions.Benchmark;

/// <summary>One order's times, from the benchmark's start: when it was due to be placed, accepted (202), and seen final.</summary>
internal sealed record OrderOutcome(TimeSpan Due, TimeSpan Accepted, TimeSpan Final, OrderStatus Status)
{
    public double PlacedToFinalMs => (Final - Due).TotalMilliseconds;
}

/// <summary>
/// Places orders over the HTTP API and waits for each one's final status with the API's own long poll
/// (<see cref="OrderViewWaiter"/>), in process or over HTTP. Placed→final is measured from when an order was due, not
/// from when its POST happened to start, so a slow answer delays no later order's clock (no coordinated omission).
/// </summary>
internal sealed class OrderLoad(HttpClient http, IServiceProvider services, int skus, bool observeOverHttp)
{
    public const string ClientReads = "benchmark reads";

    private readonly Stopwatch clock = Stopwatch.StartNew();

    public static string Sku(int i) => $"sku-{i:D3}";

    /// <summary>The closed mode: all <paramref name="orders"/> at once, at most <paramref name="concurrency"/> POSTs in flight.</summary>
    public async Task<IReadOnlyList<OrderOutcome>> AllAtOnceAsync(string run, int orders, int concurrency)
    {
        var throttle = new SemaphoreSlim(concurrency);
        return await Task.WhenAll(Enumerable.Range(0, orders).Select(async n =>
        {
            await throttle.WaitAsync();
            TimeSpan due, accepted;
            try
            {
                due = clock.Elapsed;
                accepted = await PostAsync(run, n);
            }
            finally
            {
                throttle.Release();
            }
            return await FinalAsync(run, n, due, accepted);
        }));
    }

    /// <summary>The open mode: an order every 1/<paramref name="rate"/> s for <paramref name="duration"/>, whatever the answers.</summary>
    public async Task<IReadOnlyList<OrderOutcome>> AtRateAsync(string run, double rate, TimeSpan duration)
    {
        var orders = (int)Math.Round(rate * duration.TotalSeconds);
        var placing = new List<Task<OrderOutcome>>(orders);
        var start = clock.Elapsed;
        for (var n = 0; n < orders; n++)
        {
            var due = start + TimeSpan.FromSeconds(n / rate);
            if (due - clock.Elapsed is { Ticks: > 0 } early) await Task.Delay(early);
            var order = n;
            placing.Add(Task.Run(async () => await FinalAsync(run, order, due, await PostAsync(run, order))));
        }
        return await Task.WhenAll(placing);
    }

    /// <summary>
    /// Places order <paramref name="n"/> as a well-behaved client does: a 503 (the API could not reach storage or Kafka
    /// in time) is retried with the same request after its Retry-After, which is the same order. The time counts.
    /// </summary>
    private async Task<TimeSpan> PostAsync(string run, int n)
    {
        var order = new PlaceOrderRequest(OrderId(run, n), $"customer-{n % 100}", LinesOf(n, skus), "tok_visa");
        while (true)
        {
            using var response = await http.PostAsJsonAsync("/api/orders", order);
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable)
            {
                response.EnsureSuccessStatusCode();
                return clock.Elapsed;
            }
            Interlocked.Increment(ref retriedPosts);
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    private int retriedPosts;

    /// <summary>POSTs answered 503 and placed again so far.</summary>
    public int RetriedPosts => retriedPosts;

    /// <summary>
    /// Order <paramref name="n"/>'s lines: one to three skus, 7 apart, each named once, as the API requires. With
    /// fewer skus than that the order has fewer lines, so even one sku makes a load: every order on one hot sku.
    /// </summary>
    public static IReadOnlyList<OrderLineRequest> LinesOf(int n, int skus) =>
        Enumerable.Range(0, 1 + n % 3).Select(k => (n + k * 7) % skus).Distinct()
            .Select((sku, k) => new OrderLineRequest(Sku(sku), 1 + k)).ToList();

    private async Task<OrderOutcome> FinalAsync(string run, int n, TimeSpan due, TimeSpan accepted)
    {
        var view = observeOverHttp ? await LongPollForFinalAsync(OrderId(run, n)) : await ObserveFinalAsync(OrderId(run, n));
        return new OrderOutcome(due, accepted, clock.Elapsed, view.Status);
    }

    private static string OrderId(string run, int n) => $"{run}-{n}";

    private async Task<OrderView> ObserveFinalAsync(string orderId)
    {
        var waiter = services.GetRequiredService<OrderViewWaiter>();
        using var _ = StorageRoundTrips.AttributeTo(ClientReads);
        while (true)
        {
            if (await waiter.WaitAsync(orderId, afterVersion: null, untilComplete: true, OrderQuery.MaxWait, CancellationToken.None) is { IsComplete: true } view)
                return view;
        }
    }

    private async Task<OrderView> LongPollForFinalAsync(string orderId)
    {
        while (true)
        {
            var response = await http.GetAsync($"/api/orders/{orderId}?waitFor={OrderQuery.FinalStatus}&waitSeconds=30");
            if (!response.IsSuccessStatusCode) continue;
            var view = (await response.Content.ReadFromJsonAsync<OrderView>(ApiJson.Options))!;
            if (view.IsComplete) return view;
        }
    }
}
