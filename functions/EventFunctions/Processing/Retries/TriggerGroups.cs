namespace EventFunctions.Processing.Retries;

/// <summary>
/// The Kafka consumer group each trigger commits in. A function that reads one topic has one trigger, in the group
/// named after it. A function that reads several (the projections) has a trigger per topic, each in a group of its
/// own, <c>&lt;function&gt;.&lt;topic&gt;</c>: Flex Consumption scales every trigger on its own, and with the classic,
/// eager protocol the Functions Kafka extension uses, each member joining or leaving a group shared by five topics
/// would stop all five (docs/consumer-groups.md). Dead letters, redrives and spans still name the function.
/// </summary>
public static class TriggerGroups
{
    public static string Of(IEventFunction function, string topic)
    {
        if (!function.Topics.Contains(topic))
            throw new ArgumentException($"{function.Name} does not read {topic}.", nameof(topic));
        return function.Topics.Count == 1 ? function.Name : $"{function.Name}.{topic}";
    }

    /// <summary>Every trigger of <paramref name="function"/>: the topic it reads and the group it commits in.</summary>
    public static IEnumerable<(string Topic, string Group)> All(IEventFunction function) =>
        function.Topics.Select(topic => (topic, Of(function, topic)));
}
