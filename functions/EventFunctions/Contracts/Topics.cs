using EventFunctions.Contracts.Events;

namespace EventFunctions.Contracts;

/// <summary>
/// The one catalogue of topics: every topic is keyed by order id and has one writer.
/// Hosts, tests and infrastructure read names from here, never retype them.
/// </summary>
public static class Topics
{
    public const string OrdersPlaced = "orders.placed";
    public const string OrdersValidated = "orders.validated";
    public const string PaymentsProcessed = "payments.processed";
    /// <summary>ReserveStock's outcomes, StockReserved and StockUnavailable alike (its wire name is older than the second).</summary>
    public const string StockOutcomes = "stock.reserved";
    public const string PaymentsRefunded = "payments.refunded";

    /// <summary>Partitions per topic. Order state is sharded the same way (<see cref="Storage.OrderShard"/>), so one partition's batch is one Table partition.</summary>
    public const int Partitions = 8;

    /// <summary>The HTTP API, the one writer of <see cref="OrdersPlaced"/>; health names it so too.</summary>
    public const string ApiWriter = "http-api";

    public const string DeadLetterSuffix = ".dlq";

    public static string DeadLetterOf(string topic) => topic + DeadLetterSuffix;

    public static IReadOnlyList<TopicDefinition> All { get; } =
    [
        new(OrdersPlaced, Writer: ApiWriter, [typeof(OrderPlaced)]),
        new(OrdersValidated, Writer: ConsumerGroups.ValidateOrder, [typeof(OrderValidated), typeof(OrderRejected)]),
        new(PaymentsProcessed, Writer: ConsumerGroups.ProcessPayment, [typeof(PaymentCaptured), typeof(PaymentDeclined)]),
        new(StockOutcomes, Writer: ConsumerGroups.ReserveStock, [typeof(StockReserved), typeof(StockUnavailable)]),
        new(PaymentsRefunded, Writer: ConsumerGroups.RefundPayment, [typeof(PaymentRefunded), typeof(RefundFailed)]),
    ];

    /// <summary>Every topic the pipeline uses, dead-letter topics included: what a cluster must have.</summary>
    public static IEnumerable<string> AllWithDeadLetters => All.SelectMany(t => new[] { t.Name, DeadLetterOf(t.Name) });

    public static TopicDefinition Get(string name) =>
        All.FirstOrDefault(t => t.Name == name) ?? throw new ArgumentException($"'{name}' is not a topic of the pipeline.", nameof(name));

    /// <summary>The topic an event is written to: its type has exactly one home.</summary>
    public static string Of(IOrderEvent @event) =>
        All.First(t => t.EventTypes.Contains(@event.GetType())).Name;
}

public sealed record TopicDefinition(string Name, string Writer, IReadOnlyList<Type> EventTypes);
