using Azure.Data.Tables;

namespace EventFunctions.ReadSide.OrderViews;

/// <summary>
/// An order's one row in its shard of the view: a point read returns every fact of the order. Each fact's properties
/// are named after its type (<c>OrderPlaced_Data</c>, <c>OrderPlaced_Time</c>, …), so facts merged in any order never
/// touch each other. A fact of one placement of the order (<see cref="OrderPlacements"/>) adds the placement to its
/// names (<c>OrderPlaced_p&lt;id&gt;_Data</c>): two bodies placed under one order id both stay, apart.
/// </summary>
public static class OrderRow
{
    public const string KeyPrefix = "order|";

    public static string KeyOf(string orderId) => KeyPrefix + orderId;

    /// <summary>The facts the row holds, ordered by type as the fold has always seen them.</summary>
    public static IReadOnlyList<StoredFact> Facts(TableEntity row) => row.Keys
        .Where(k => k.EndsWith(FactProperties.TypeSuffix, StringComparison.Ordinal))
        .Select(k => FactProperties.WithPrefix(k[..^"Type".Length]))
        .Where(name => row.GetString(name.Data) is not null)
        .Select(name => new StoredFact(
            row.GetString(name.Type), row.GetString(name.EventId), row.GetString(name.Data), row.GetInt32(name.SchemaVersion),
            row.GetString(name.Source) ?? "", row.GetDateTimeOffset(name.Time) ?? DateTimeOffset.UnixEpoch,
            row.GetDateTimeOffset(name.ProjectedAt), row.GetString(name.CausationId), row.GetString(name.Problem))
        {
            Placement = row.GetString(name.Placement),
        })
        .OrderBy(f => f.Type, StringComparer.Ordinal)
        .ToList();

    /// <summary>The names of one fact's properties: its type's short name, then what the property holds.</summary>
    public sealed record FactProperties(
        string Type, string EventId, string Data, string SchemaVersion, string Time, string Source, string ProjectedAt, string CausationId, string Problem,
        string Placement)
    {
        public const string TypeSuffix = "_Type";

        /// <summary>
        /// Table property names allow no dot: <c>eventfunctions.OrderPlaced</c> is kept as <c>OrderPlaced_…</c>, and a
        /// placement's as <c>OrderPlaced_p&lt;its id's 32 hex digits&gt;_…</c>.
        /// </summary>
        public static FactProperties Of(string type, string? placement = null) =>
            WithPrefix(type[(type.LastIndexOf('.') + 1)..] + "_" + (placement is null ? "" : $"p{Guid.Parse(placement):N}_"));

        public static FactProperties WithPrefix(string prefix) =>
            new(prefix + "Type", prefix + "EventId", prefix + "Data", prefix + "SchemaVersion", prefix + "Time", prefix + "Source",
                prefix + "ProjectedAt", prefix + "CausationId", prefix + "Problem", prefix + "Placement");
    }
}

/// <summary>A fact as the view keeps it, in either layout.</summary>
public sealed record StoredFact(
    string Type, string EventId, string Data, int? SchemaVersion, string Source, DateTimeOffset Time, DateTimeOffset? ProjectedAt, string? CausationId, string? Problem)
{
    /// <summary>The placement the fact belongs to, when it is one placement's rather than the order's.</summary>
    public string? Placement { get; init; }

    public Contracts.Events.IOrderEvent? Event => OrderFact.Read(Type, Data, SchemaVersion);

    public ProjectedEvent Projected => new(EventId, Type, Source, Time, ProjectedAt, CausationId, Event);
}
