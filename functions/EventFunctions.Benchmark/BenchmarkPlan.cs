namespace EventFunctions.Benchmark;

/// <summary>What load to run: the closed one (every order at once) unless a rate or a ramp is asked.</summary>
internal sealed record BenchmarkPlan(
    int Orders, int Concurrency, double Rate, TimeSpan Duration, TimeSpan Warmup, RampPlan? Ramp, int Skus, bool ObserveOverHttp, int Preload = 0)
{
    public bool IsOpen => Rate > 0 || Ramp is not null;

    public static BenchmarkPlan From(BenchmarkArgs options) => new(
        options.Int("--orders", 2000),
        options.Int("--concurrency", 64),
        options.Double("--rate", 0),
        TimeSpan.FromSeconds(options.Double("--duration", 30)),
        TimeSpan.FromSeconds(options.Double("--warmup", 5)),
        options.Flag("--ramp")
            ? new RampPlan(options.Double("--from", 50), options.Double("--step", 50), TimeSpan.FromSeconds(options.Double("--step-duration", 10)),
                options.Double("--p99-bound", 1000), options.Double("--max-rate", 2000))
            : null,
        options.Int("--skus", 20),
        options.String("--observe", "view") == "api",
        options.Int("--preload", 0));
}

/// <summary>Open loads from <see cref="From"/> orders/s, <see cref="Step"/> more each <see cref="StepDuration"/>, until p99 passes the bound.</summary>
internal sealed record RampPlan(double From, double Step, TimeSpan StepDuration, double P99BoundMs, double MaxRate);
