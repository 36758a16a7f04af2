using System.Globalization;
using EventFunctions.Orders.Payments;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.Storage;

namespace EventFunctions.Benchmark;

/// <summary>The figures of one load: rates, placed→final percentiles, each step's latency, and what an order cost.</summary>
internal sealed class LoadReport(IReadOnlyList<OrderOutcome> outcomes, PipelineCost cost, IReadOnlyDictionary<string, double[]> stepMilliseconds)
{
    /// <summary>Callers whose storage use is not the functions': the API's claim, the simulated gateway's keys, the benchmark's reads.</summary>
    private static readonly string[] NotFunctions = [StorageRoundTrips.Api, OrderLoad.ClientReads, TableIdempotencyKeys.Caller];

    private readonly double[] latencies = outcomes.Select(o => o.PlacedToFinalMs).Order().ToArray();

    private StorageCapacity Capacity => StorageCapacity.Of(Orders, cost.EntitiesByPartition);

    private List<StorageUse> FunctionsStorage => cost.Storage.Where(s => !NotFunctions.Contains(s.Key)).Select(s => s.Value).ToList();

    public int Orders => outcomes.Count;

    public bool AllFinal => outcomes.All(o => o.Status.IsFinal());

    public TimeSpan Elapsed => outcomes.Max(o => o.Final) - outcomes.Min(o => o.Due);

    /// <summary>Orders accepted per second, from the first one due to the last one accepted.</summary>
    public double PlacedRate => Orders / (outcomes.Max(o => o.Accepted) - outcomes.Min(o => o.Due)).TotalSeconds;

    /// <summary>Orders final per second, from the first one due to the last one final.</summary>
    public double FinalRate => Orders / Elapsed.TotalSeconds;

    public double P(double p) => Percentile(latencies, p);

    public double CpuMsPerOrder => PerOrder(cost.HostCpu + (cost.AzuriteCpu ?? TimeSpan.Zero));

    public string Latency => $"p50 {P(0.50):F0} ms, p90 {P(0.90):F0} ms, p99 {P(0.99):F0} ms, max {latencies[^1]:F0} ms";

    public string Cpu =>
        $"host {PerOrder(cost.HostCpu):F2} ms (embedded brokers {PerOrder(cost.EmbeddedBrokersCpu):F2}, Kafka clients {PerOrder(cost.KafkaClientsCpu):F2}, .NET {PerOrder(cost.HostCpu - cost.EmbeddedBrokersCpu - cost.KafkaClientsCpu):F2}), Azurite {(cost.AzuriteCpu is { } azurite ? $"{PerOrder(azurite):F2} ms" : "not local")}" +
        $" (together {CpuMsPerOrder:F2} ms: {Environment.ProcessorCount} cores bound them to {Environment.ProcessorCount * 1000 / CpuMsPerOrder:F0} orders/s)";

    public void Print(TextWriter output)
    {
        output.WriteLine($"orders:                {Orders} ({string.Join(", ", outcomes.GroupBy(o => o.Status).Select(g => $"{g.Count()} {g.Key}"))})");
        output.WriteLine($"elapsed:               {Elapsed.TotalSeconds:F1} s (first order due to last final status)");
        output.WriteLine($"achieved rate:         {PlacedRate:F1} orders/s accepted (202), {FinalRate:F1} orders/s final");
        output.WriteLine($"POST → 202:            p50 {Percentile(outcomes.Select(o => (o.Accepted - o.Due).TotalMilliseconds).Order().ToArray(), 0.5):F0} ms");
        output.WriteLine($"placed → final:        {Latency}");
        output.WriteLine("each step, event created → its effect committed (p50 / p99 / max):");
        foreach (var (function, ms) in stepMilliseconds.OrderBy(s => s.Key))
            output.WriteLine($"  {function,-28} {Percentile(ms, 0.5),6:F0} / {Percentile(ms, 0.99),6:F0} / {ms[^1],6:F0} ms  ({ms.Length} events)");
        output.WriteLine($"CPU per order:         {Cpu}");
        PrintStorage(output);
        var records = cost.RecordsByTopic.Where(t => t.Value > 0).OrderBy(t => t.Key).ToList();
        output.WriteLine($"Kafka records/order:   {(double)records.Sum(t => t.Value) / Orders:F2} ({string.Join(", ", records.Select(t => $"{t.Key} {(double)t.Value / Orders:F2}"))})");
        foreach (var line in Capacity.Lines()) output.WriteLine(line);
        output.WriteLine(Summary);
    }

    /// <summary>
    /// The key figures on one line of <c>key=value</c>, invariant, for scripts (<c>scripts/bench-compare.sh</c>): the
    /// lines above are for people and may change their wording. Table requests and entity writes are the functions'.
    /// </summary>
    public string Summary
    {
        get
        {
            var capacity = Capacity;
            (string Key, double Value)[] figures =
            [
                ("orders", Orders), ("p50_ms", P(0.50)), ("p90_ms", P(0.90)), ("p99_ms", P(0.99)),
                ("accepted_per_s", PlacedRate), ("final_per_s", FinalRate),
                ("table_requests_per_order", PerOrder(FunctionsStorage.Sum(s => s.Requests))),
                ("entity_writes_per_order", PerOrder(FunctionsStorage.Sum(s => s.Entities))),
                ("cpu_ms_per_order", CpuMsPerOrder),
                ("entities_touched_per_order", capacity.EntitiesPerOrder),
                ("account_orders_per_s", capacity.AccountOrdersPerSecond),
                ("hottest_partition_orders_per_s", capacity.Hottest?.OrdersPerSecondAsSpread ?? double.NaN),
            ];
            return "summary: " + string.Join(' ', figures.Select(f => $"{f.Key}={f.Value.ToString("0.##", CultureInfo.InvariantCulture)}"));
        }
    }

    private void PrintStorage(TextWriter output)
    {
        var functions = FunctionsStorage;
        output.WriteLine($"Table Storage per order by the functions: {PerOrder(functions.Sum(s => s.Requests)):F2} round trips ({PerOrder(functions.Sum(s => s.Queries)):F2} of them queries), " +
                         $"{PerOrder(functions.Sum(s => s.Entities)):F2} entities, {PerOrder(functions.Sum(s => s.Bytes)) / 1024:F2} KiB written; by each caller:");
        output.WriteLine($"  {"caller",-28} {"round trips",11} {"queries",8} {"entities",9} {"KiB",8}");
        foreach (var (caller, use) in cost.Storage.OrderBy(s => NotFunctions.Contains(s.Key)).ThenBy(s => s.Key))
            output.WriteLine($"  {caller,-28} {PerOrder(use.Requests),11:F2} {PerOrder(use.Queries),8:F2} {PerOrder(use.Entities),9:F2} {PerOrder(use.Bytes) / 1024,8:F2}");
    }

    private double PerOrder(long count) => (double)count / Orders;

    private double PerOrder(TimeSpan cpu) => cpu.TotalMilliseconds / Orders;

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
