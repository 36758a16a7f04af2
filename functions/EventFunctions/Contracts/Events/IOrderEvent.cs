namespace EventFunctions.Contracts.Events;

/// <summary>Every event of the pipeline concerns one order; its id is the Kafka key, so an order's events stay in order within a partition.</summary>
public interface IOrderEvent
{
    string OrderId { get; }
}
