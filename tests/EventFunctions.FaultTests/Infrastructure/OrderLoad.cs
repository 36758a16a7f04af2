using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using EventFunctions.Orders.Intake;

namespace EventFunctions.FaultTests.Infrastructure;

/// <summary>An order as the load placed it, and what the audit expects of it.</summary>
public sealed record PlacedOrder(string OrderId, string CustomerId, IReadOnlyList<OrderLineRequest> Lines, string PaymentToken);

/// <summary>
/// Places orders at a fixed arrival rate, whatever happens to the hosts: a POST that fails (a host killed, a 503) is
/// sent again, to another host, with the same orderId, which the API makes idempotent. An order counts as placed once
/// a host answered 202.
/// </summary>
public sealed class OrderLoad(IReadOnlyList<Uri> hosts, string run)
{
    public const string ScarceSku = "scarce";

    /// <summary>Ten skus in plenty, and one that runs out: some orders are cancelled and refunded.</summary>
    public static IReadOnlyDictionary<string, int> Stock(int orders) =>
        Enumerable.Range(0, 10).ToDictionary(i => $"sku-{i}", _ => orders * 3).Append(new(ScarceSku, orders / 20 + 2)).ToDictionary();

    public async Task<IReadOnlyList<PlacedOrder>> PlaceAsync(int count, double perSecond, CancellationToken cancellationToken = default)
    {
        var clients = hosts.Select(FaultBed.Client).ToList();
        try
        {
            var clock = Stopwatch.StartNew();
            var placing = new List<Task<PlacedOrder>>();
            for (var n = 0; n < count; n++)
            {
                var due = TimeSpan.FromSeconds(n / perSecond) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due, cancellationToken);
                placing.Add(PlaceOneAsync(clients, Order(n), n, cancellationToken));
            }
            return await Task.WhenAll(placing);
        }
        finally
        {
            foreach (var client in clients) client.Dispose();
        }
    }

    /// <summary>Mostly good orders; every 10th short of stock, every 17th declined, every 23rd for an unknown sku.</summary>
    private PlacedOrder Order(int n)
    {
        var lines = Enumerable.Range(0, 1 + n % 3).Select(k => new OrderLineRequest($"sku-{(n + 3 * k) % 10}", 1 + k)).ToList();
        if (n % 10 == 0) lines.Add(new OrderLineRequest(ScarceSku, 2));
        if (n % 23 == 0) lines = [new OrderLineRequest("nowhere", 1)];
        return new PlacedOrder($"{run}-{n}", $"customer-{n % 37}", lines, n % 17 == 0 ? "tok_chargeDeclined" : "tok_visa");
    }

    private static async Task<PlacedOrder> PlaceOneAsync(List<HttpClient> clients, PlacedOrder order, int n, CancellationToken cancellationToken)
    {
        var request = new PlaceOrderRequest(order.OrderId, order.CustomerId, order.Lines, order.PaymentToken);
        var giveUp = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var response = await clients[(n + attempt) % clients.Count].PostAsJsonAsync("api/orders", request, cancellationToken);
                if (response.StatusCode == HttpStatusCode.Accepted) return order;
                if ((int)response.StatusCode is >= 400 and < 500)
                    throw new InvalidOperationException($"{order.OrderId} refused: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}");
            }
            catch (HttpRequestException) when (giveUp.Elapsed < TimeSpan.FromMinutes(10))
            {
                // The host is gone: the next attempt goes to another.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested && giveUp.Elapsed < TimeSpan.FromMinutes(10))
            {
            }
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }
}
