using EventFunctions.Contracts;

namespace EventFunctions.Operations.DeadLetterQueue;

/// <summary>
/// Which dead letters an operator means: by topic (the original or its <c>.dlq</c>), consumer group, order id, or a
/// text the reason contains (case-insensitive). Null matches all.
/// </summary>
public sealed record DeadLetterFilter(string? Topic = null, string? ConsumerGroup = null, string? OrderId = null, string? Reason = null)
{
    /// <summary>The dead-letter topics to read: one, or all of them.</summary>
    public IReadOnlyList<string> DeadLetterTopics => Topic is null
        ? Topics.All.Select(t => Topics.DeadLetterOf(t.Name)).ToList()
        : [Topic.EndsWith(Topics.DeadLetterSuffix, StringComparison.Ordinal) ? Topic : Topics.DeadLetterOf(Topic)];

    /// <summary>Says what is wrong with the filter, keyed by field, so an API can answer with a problem naming it.</summary>
    public Dictionary<string, string[]> Problems()
    {
        var problems = new Dictionary<string, string[]>();
        var known = Topics.All.Select(t => t.Name).ToList();
        if (Topic is not null && !known.Contains(Topic) && !known.Select(Topics.DeadLetterOf).Contains(Topic))
            problems["topic"] = [$"topic must be one of the pipeline's topics ({string.Join(", ", known)}) or its .dlq."];
        if (ConsumerGroup is not null && !ConsumerGroups.All.Contains(ConsumerGroup))
            problems["consumerGroup"] = [$"consumerGroup must be one of {string.Join(", ", ConsumerGroups.All)}."];
        if (OrderId is not null && !Identifiers.IsValid(OrderId))
            problems["orderId"] = [$"orderId must be {Identifiers.Rule}."];
        return problems;
    }

    public bool Matches(DeadLetter letter) =>
        (ConsumerGroup is null || letter.ConsumerGroup == ConsumerGroup)
        && (OrderId is null || letter.OrderId == OrderId)
        && (Reason is null || letter.Reason?.Contains(Reason, StringComparison.OrdinalIgnoreCase) == true);
}
