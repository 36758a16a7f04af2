using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EventFunctions.Contracts;
using EventFunctions.Contracts.Events;
using EventFunctions.FunctionsApp.Tests.Infrastructure;
using EventFunctions.FunctionsApp.Tests.Metadata;
using EventFunctions.Messaging;
using EventFunctions.Operations.Board;
using EventFunctions.Operations.Live;
using EventFunctions.Orders.Intake;
using EventFunctions.ReadSide.OrderViews;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EventFunctions.FunctionsApp.Tests.Telemetry;

/// <summary>The app serves no board, so it registers none; it still times and counts the orders its projection commits.</summary>
public sealed class OrderMetricsTests
{
    private static ServiceProvider App() =>
        AppServices.Build(SettingsTemplate.Configuration((KafkaConnection.SecurityProtocolSetting, BuildOutput.KafkaTriggerProtocol)));

    [Fact]
    public void The_app_registers_no_board_and_the_order_metrics_observe_its_live_orders()
    {
        using var app = App();

        Assert.Null(app.GetService<OrderBoard>());
        Assert.Null(app.GetService<BoardStream>());
        Assert.Null(app.GetService<BoardApi>());
        Assert.IsType<OrderMetrics>(Assert.Single(app.GetServices<ILiveOrdersObserver>()));
        Assert.Single(app.GetServices<IHostedService>().OfType<LiveOrdersFeed>());
    }

    [Fact]
    public async Task An_order_the_projection_commits_in_the_app_is_timed_and_counted_by_status()
    {
        using var app = App();
        var meters = app.GetRequiredService<IMeterFactory>();
        var measured = new ConcurrentBag<(string Instrument, double Value, string? Status)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                // This app's meter only: other apps of the test run record on meters of the same name.
                if (instrument.Meter.Scope == meters && instrument.Name is "eventfunctions.order.duration" or "eventfunctions.orders") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measured.Add((instrument.Name, value, Status(tags))));
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measured.Add((instrument.Name, value, Status(tags))));
        listener.Start();
        var feed = app.GetServices<IHostedService>().OfType<LiveOrdersFeed>().Single();
        await feed.StartAsync(CancellationToken.None);

        var orderId = TestIds.Order("metrics");
        var placedAt = DateTimeOffset.UtcNow.AddSeconds(-2);
        ((OrderViewChanges)app.GetRequiredService<IOrderViewChanges>()).Changed(
        [
            new EventEnvelope("e-1", Provenance.SourceOf(OrdersApi.Emitter), placedAt, null, new OrderPlaced(orderId, "carol", [new OrderLine("sku", 1)], "tok_visa")),
            new EventEnvelope("e-2", Provenance.SourceOf(ConsumerGroups.ValidateOrder), placedAt.AddSeconds(1), "e-1", new OrderRejected(orderId, "unknown sku")),
        ]);

        await Eventually.TrueAsync(() => measured.Any(m => m.Instrument == "eventfunctions.order.duration"), TimeSpan.FromSeconds(10), "the order's duration recorded");
        listener.RecordObservableInstruments();
        await feed.StopAsync(CancellationToken.None);

        var duration = measured.Single(m => m.Instrument == "eventfunctions.order.duration");
        Assert.Equal("Rejected", duration.Status);
        Assert.True(duration.Value >= 2, $"placed→final {duration.Value} s");
        Assert.Contains(("eventfunctions.orders", 1d, "Rejected"), measured);
    }

    private static string? Status(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
            if (tag.Key == "status") return tag.Value as string;
        return null;
    }
}
