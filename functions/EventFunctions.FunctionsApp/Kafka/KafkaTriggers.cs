using EventFunctions.Contracts;
using EventFunctions.Processing;
using EventFunctions.Processing.Retries;
using Microsoft.Azure.Functions.Worker;

namespace EventFunctions.FunctionsApp.Kafka;

/// <summary>
/// One Azure Function per (pipeline function, topic), in its trigger's consumer group (<see cref="TriggerGroups"/>), batched, and bound to raw
/// records so that keys and CloudEvents headers arrive as they were produced. Each hands its batch to the shared
/// <see cref="TriggerBatchHandler"/> and returns only once the batch's effects are committed and its follow-on events
/// acknowledged; an exception tells the host to keep the offsets and redeliver (host.json: <c>commitOnFailure</c>
/// false, <c>maxRetries</c> -1). This host cannot tell a first delivery from a redelivery, so every batch looks first.
/// </summary>
public sealed class KafkaTriggers(TriggerBatchHandler batches)
{
    [Function("ValidateOrder")]
    public Task ValidateOrder(
        [KafkaTrigger(TriggerConnection.BrokerList, Topics.OrdersPlaced, ConsumerGroup = ConsumerGroups.ValidateOrder,
            IsBatched = true, KeyDataType = KafkaRecordBatch.KeyDataType,
            Protocol = TriggerConnection.Protocol, AuthenticationMode = TriggerConnection.AuthenticationMode,
            Username = TriggerConnection.Username, Password = TriggerConnection.Password)] KafkaRecord[] records,
        CancellationToken cancellationToken) =>
        RunAsync(ConsumerGroups.ValidateOrder, records, cancellationToken);

    [Function("ProcessPayment")]
    public Task ProcessPayment(
        [KafkaTrigger(TriggerConnection.BrokerList, Topics.OrdersValidated, ConsumerGroup = ConsumerGroups.ProcessPayment,
            IsBatched = true, KeyDataType = KafkaRecordBatch.KeyDataType,
            Protocol = TriggerConnection.Protocol, AuthenticationMode = TriggerConnection.AuthenticationMode,
            Username = TriggerConnection.Username, Password = TriggerConnection.Password)] KafkaRecord[] records,
        CancellationToken cancellationToken) =>
        RunAsync(ConsumerGroups.ProcessPayment, records, cancellationToken);

    [Function("ReserveStock")]
    public Task ReserveStock(
        [KafkaTrigger(TriggerConnection.BrokerList, Topics.PaymentsProcessed, ConsumerGroup = ConsumerGroups.ReserveStock,
            IsBatched = true, KeyDataType = KafkaRecordBatch.KeyDataType,
            Protocol = TriggerConnection.Protocol, AuthenticationMode = TriggerConnection.AuthenticationMode,
            Username = TriggerConnection.Username, Password = TriggerConnection.Password)] KafkaRecord[] records,
        CancellationToken cancellationToken) =>
        RunAsync(ConsumerGroups.ReserveStock, records, cancellationToken);

    [Function("RefundPayment")]
    public Task RefundPayment(
        [KafkaTrigger(TriggerConnection.BrokerList, Topics.StockOutcomes, ConsumerGroup = ConsumerGroups.RefundPayment,
            IsBatched = true, KeyDataType = KafkaRecordBatch.KeyDataType,
            Protocol = TriggerConnection.Protocol, AuthenticationMode = TriggerConnection.AuthenticationMode,
            Username = TriggerConnection.Username, Password = TriggerConnection.Password)] KafkaRecord[] records,
        CancellationToken cancellationToken) =>
        RunAsync(ConsumerGroups.RefundPayment, records, cancellationToken);

    // ProjectOrderView reads every topic: one trigger each, each in a consumer group of its own (TriggerGroups), one
    // projection. Flex Consumption scales each trigger on its own; a group shared by the five would rebalance all five
    // at every scale step of any one (docs/consumer-groups.md).

    [Function("ProjectOrderView_OrdersPlaced")]
    public Task ProjectOrdersPlaced(
        [KafkaTrigger(TriggerConnection.BrokerList, Topics.OrdersPlaced, ConsumerGroup = ConsumerGroups.ProjectOrderView + "." + Topics.OrdersPlaced,
            IsBatched = true, KeyDataType = KafkaRecordBatch.KeyDataType,
            Protocol = TriggerConnection.Protocol, AuthenticationMode = TriggerConnection.AuthenticationMode,
            Username = TriggerConnection.Username, Password = TriggerConnection.Password)] KafkaRecord[] records,
        CancellationToken cancellationToken) =>
        RunAsync(ConsumerGroups.ProjectOrderView, records, cancellationToken);

    [Function("ProjectOrderView_OrdersValidated")]
    public Task ProjectOrdersValidated(
        [KafkaTrigger(TriggerConnection.BrokerList, Topics.OrdersValidated, ConsumerGroup = ConsumerGroups.ProjectOrderView + "." + Topics.OrdersValidated,
            IsBatched = true, KeyDataType = KafkaRecordBatch.KeyDataType,
            Protocol = TriggerConnection.Protocol, AuthenticationMode = TriggerConnection.AuthenticationMode,
            Username = TriggerConnection.Username, Password = TriggerConnection.Password)] KafkaRecord[] records,
        CancellationToken cancellationToken) =>
        RunAsync(ConsumerGroups.ProjectOrderView, records, cancellationToken);

    [Function("ProjectOrderView_PaymentsProcessed")]
    public Task ProjectPaymentsProcessed(
        [KafkaTrigger(TriggerConnection.BrokerList, Topics.PaymentsProcessed, ConsumerGroup = ConsumerGroups.ProjectOrderView + "." + Topics.PaymentsProcessed,
            IsBatched = true, KeyDataType = KafkaRecordBatch.KeyDataType,
            Protocol = TriggerConnection.Protocol, AuthenticationMode = TriggerConnection.AuthenticationMode,
            Username = TriggerConnection.Username, Password = TriggerConnection.Password)] KafkaRecord[] records,
        CancellationToken cancellationToken) =>
        RunAsync(ConsumerGroups.ProjectOrderView, records, cancellationToken);

    [Function("ProjectOrderView_StockReserved")]
    public Task ProjectStockReserved(
        [KafkaTrigger(TriggerConnection.BrokerList, Topics.StockOutcomes, ConsumerGroup = ConsumerGroups.ProjectOrderView + "." + Topics.StockOutcomes,
            IsBatched = true, KeyDataType = KafkaRecordBatch.KeyDataType,
            Protocol = TriggerConnection.Protocol, AuthenticationMode = TriggerConnection.AuthenticationMode,
            Username = TriggerConnection.Username, Password = TriggerConnection.Password)] KafkaRecord[] records,
        CancellationToken cancellationToken) =>
        RunAsync(ConsumerGroups.ProjectOrderView, records, cancellationToken);

    [Function("ProjectOrderView_PaymentsRefunded")]
    public Task ProjectPaymentsRefunded(
        [KafkaTrigger(TriggerConnection.BrokerList, Topics.PaymentsRefunded, ConsumerGroup = ConsumerGroups.ProjectOrderView + "." + Topics.PaymentsRefunded,
            IsBatched = true, KeyDataType = KafkaRecordBatch.KeyDataType,
            Protocol = TriggerConnection.Protocol, AuthenticationMode = TriggerConnection.AuthenticationMode,
            Username = TriggerConnection.Username, Password = TriggerConnection.Password)] KafkaRecord[] records,
        CancellationToken cancellationToken) =>
        RunAsync(ConsumerGroups.ProjectOrderView, records, cancellationToken);

    // ProjectDailySales, a read model added later: its first version is built from the log before it serves
    // (Views/Rebuild), and these triggers keep it current from then on, each in a group of its own as above.

    [Function("ProjectDailySales_OrdersValidated")]
    public Task ProjectDailySalesOrdersValidated(
        [KafkaTrigger(TriggerConnection.BrokerList, Topics.OrdersValidated, ConsumerGroup = ConsumerGroups.ProjectDailySales + "." + Topics.OrdersValidated,
            IsBatched = true, KeyDataType = KafkaRecordBatch.KeyDataType,
            Protocol = TriggerConnection.Protocol, AuthenticationMode = TriggerConnection.AuthenticationMode,
            Username = TriggerConnection.Username, Password = TriggerConnection.Password)] KafkaRecord[] records,
        CancellationToken cancellationToken) =>
        RunAsync(ConsumerGroups.ProjectDailySales, records, cancellationToken);

    [Function("ProjectDailySales_StockReserved")]
    public Task ProjectDailySalesStockReserved(
        [KafkaTrigger(TriggerConnection.BrokerList, Topics.StockOutcomes, ConsumerGroup = ConsumerGroups.ProjectDailySales + "." + Topics.StockOutcomes,
            IsBatched = true, KeyDataType = KafkaRecordBatch.KeyDataType,
            Protocol = TriggerConnection.Protocol, AuthenticationMode = TriggerConnection.AuthenticationMode,
            Username = TriggerConnection.Username, Password = TriggerConnection.Password)] KafkaRecord[] records,
        CancellationToken cancellationToken) =>
        RunAsync(ConsumerGroups.ProjectDailySales, records, cancellationToken);

    private Task RunAsync(string function, KafkaRecord[] records, CancellationToken cancellationToken) =>
        batches.HandleAsync(function, records.ToIncomingRecords(), Delivery.Unknown, cancellationToken);
}
