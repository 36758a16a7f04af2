namespace EventFunctions.Processing;

/// <summary>What the kind of an <see cref="IEventFunction"/> decides, asked in one place by the store and by the hosts.</summary>
public static class EventFunctionKinds
{
    /// <summary>Whether the function keeps an inbox: a business function does; a projection, whose facts are idempotent, needs none.</summary>
    public static bool KeepsInbox(this IEventFunction function) => function is not IProjection;
}
