using Azure.Core;
using Azure.Data.Tables;
using EventFunctions.Http;
using EventFunctions.Messaging;
using EventFunctions.Operations;
using EventFunctions.Operations.DeadLetterQueue;
using EventFunctions.Operations.Live;
using EventFunctions.Operations.Overdue;
using EventFunctions.Orders.Intake;
using EventFunctions.Orders.Inventory;
using EventFunctions.Orders.Payments;
using EventFunctions.Orders.ProcessPayment;
using EventFunctions.Orders.RefundPayment;
using EventFunctions.Orders.ReserveStock;
using EventFunctions.Orders.ValidateOrder;
using EventFunctions.Processing;
using EventFunctions.Processing.Lineage;
using EventFunctions.Processing.Retries;
using EventFunctions.ReadSide.DailySales;
using EventFunctions.ReadSide.OrderViews;
using EventFunctions.ReadSide.Rebuild;
using EventFunctions.ReadSide.Versions;
using EventFunctions.Storage;
using EventFunctions.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace EventFunctions.Hosting;

/// <summary>
/// The pipeline's object graph, the same under both hosts; a host adds only its trigger and its HTTP front (and the local
/// host its board, <see cref="OrderBoardServices.AddOrderBoard"/>).
/// </summary>
public static class PipelineServices
{
    /// <summary>
    /// Table Storage comes from <paramref name="settings"/> (<see cref="TableServiceConnection"/>), its client options
    /// open to <paramref name="configureTables"/> (tests inject faults there); a host may register its own
    /// <see cref="RetryPolicy"/> first.
    /// </summary>
    public static IServiceCollection AddEventFunctionsPipeline(
        this IServiceCollection services, KafkaConnection kafka, IConfiguration settings, string tablePrefix = "",
        Action<TableClientOptions>? configureTables = null)
    {
        var roundTrips = new StorageRoundTrips();
        var tableOptions = new TableClientOptions();
        tableOptions.AddPolicy(roundTrips, HttpPipelinePosition.PerRetry);
        configureTables?.Invoke(tableOptions);

        services.AddSingleton(TimeProvider.System);
        services.AddMetrics();
        services.AddSingleton<PipelineMetrics>();
        services.AddSingleton(roundTrips);
        services.AddSingleton(new TableStorage(TableServiceConnection.Create(settings, tableOptions), tablePrefix));
        services.AddSingleton(kafka);
        services.AddSingleton<IEventPublisher, KafkaEventPublisher>();

        services.AddSingleton<IEffectStore, TableEffectStore>();
        services.AddSingleton<IOrderRequests, TableOrderRequests>();
        services.AddSingleton<IProvenanceKeyStore, TableProvenanceKeyStore>();
        services.AddSingleton(sp => new ProvenanceKeys(settings, sp.GetRequiredService<IProvenanceKeyStore>()));
        services.AddSingleton<TableEventLineage>();
        services.AddSingleton<IEventLineage>(sp => new SignedEventLineage(sp.GetRequiredService<ProvenanceKeys>(), sp.GetRequiredService<TableEventLineage>()));
        services.AddSingleton<TableInventory>();
        services.AddSingleton<ICatalogue>(sp => sp.GetRequiredService<TableInventory>());
        services.AddSingleton<IStockReservations, TableStockReservations>();
        services.TryAddSingleton(new ViewRebuildOptions());
        services.AddSingleton<IViewVersionStore, TableViewVersionStore>();
        services.AddSingleton<ViewTables>();
        services.AddSingleton<IOrderViews, TableOrderViews>();
        services.AddSingleton<IDailySales, TableDailySales>();
        services.AddSingleton<IOrderViewChanges, OrderViewChanges>();
        services.AddSingleton<OrderViewWaiter>();
        services.AddSingleton<IIdempotencyKeys, TableIdempotencyKeys>();
        services.AddSingleton<SimulatedPaymentGateway>();
        services.AddSingleton<IPaymentGateway>(sp => sp.GetRequiredService<SimulatedPaymentGateway>());

        services.AddSingleton<IEventFunction, ValidateOrderFunction>();
        services.AddSingleton<IEventFunction, ProcessPaymentFunction>();
        services.AddSingleton<IEventFunction, ReserveStockFunction>();
        services.AddSingleton<IEventFunction, RefundPaymentFunction>();
        services.AddSingleton<IEventFunction, ProjectOrderViewFunction>();
        services.AddSingleton<IEventFunction, ProjectDailySalesFunction>();
        services.AddSingleton<IReadOnlyList<EventFunctionRunner>>(sp => sp.GetServices<IEventFunction>()
            .Select(f => ActivatorUtilities.CreateInstance<EventFunctionRunner>(sp, f)).ToList());
        services.AddSingleton<IAttemptLog, TableAttemptLog>();
        services.TryAddSingleton(RetryPolicy.Default);
        services.AddSingleton(sp => new BatchAttempts(sp.GetRequiredService<RetryPolicy>(), sp.GetRequiredService<IAttemptLog>()));
        services.AddSingleton<TransientFaults>();
        services.AddSingleton<TriggerBatchHandler>();

        services.AddSingleton(OperationsOptions.FromSettings(settings));
        services.AddSingleton<TableOpenOrders>();
        services.AddSingleton<OverdueOrderScan>();
        services.AddSingleton<OverdueOrderMonitor>();
        services.AddSingleton<DeadLetterReader>();
        services.AddSingleton<IRedriveLog, TableRedriveLog>();
        services.AddSingleton<DeadLetterRedrive>();

        services.AddSingleton<ILogPositions, KafkaLogPositions>();
        services.AddSingleton<ViewRebuilds>();
        services.AddSingleton<BuildsInProgress>();
        services.AddHostedService<ViewRebuildWorker>();

        services.AddSingleton<ConsumerLagMonitor>();
        services.AddHostedService(sp => sp.GetRequiredService<ConsumerLagMonitor>());
        services.AddSingleton<LiveOrders>();
        services.AddSingleton<ILiveOrdersObserver, OrderMetrics>();
        services.AddHostedService<LiveOrdersFeed>();

        services.AddSingleton<TransientFaultGuard>();
        services.AddSingleton<OrdersApi>();
        services.AddSingleton<OrderViewsApi>();
        services.AddSingleton<InventoryApi>();
        services.AddSingleton<OperationsApi>();
        services.AddSingleton<ViewsApi>();
        services.AddSingleton<SalesApi>();
        return services;
    }
}
