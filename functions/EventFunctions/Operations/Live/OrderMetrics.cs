using System.Diagnostics.Metrics;
using EventFunctions.Telemetry;

namespace EventFunctions.Operations.Live;

/// <summary>
/// The order metrics of <see cref="LiveOrders"/>, under both hosts: the placed→final latency of each order it sees finish
/// (<see cref="PipelineMetrics.OrderFinished"/>), and the orders per status as a gauge.
/// </summary>
public sealed class OrderMetrics : ILiveOrdersObserver
{
    private readonly PipelineMetrics metrics;

    public OrderMetrics(LiveOrders orders, PipelineMetrics metrics, IMeterFactory meters)
    {
        this.metrics = metrics;
        PipelineMetrics.Meter(meters).CreateObservableGauge("eventfunctions.orders",
            () => orders.Counts().Select(c => new Measurement<long>(c.Value, new KeyValuePair<string, object?>("status", c.Key.ToString()))),
            "{order}", "Orders by status: open ones now, final ones since the host started, as this instance's projection saw them.");
    }

    public void Changed(LiveChanges changes)
    {
        foreach (var done in changes.Finished) metrics.OrderFinished(done.Status.ToString(), done.Latency);
    }
}
