using Azure;
using Azure.Data.Tables;
using EventFunctions.Storage;

namespace EventFunctions.ReadSide.Versions;

/// <summary>Each read model's versions as one row of the Operations table, changed only under its ETag.</summary>
public sealed class TableViewVersionStore(TableStorage tables) : IViewVersionStore
{
    private const string Partition = "views";

    private TableClient Table => tables.Table(TableStorage.Operations);

    public async Task<ViewVersions> GetAsync(ReadModel model, CancellationToken cancellationToken) =>
        (await GetTaggedAsync(model, cancellationToken)).Versions;

    /// <summary>The versions with the ETag a change is conditional on; none before the first change.</summary>
    private async Task<(ViewVersions Versions, ETag? Tag)> GetTaggedAsync(ReadModel model, CancellationToken cancellationToken)
    {
        var row = await Table.GetEntityIfExistsAsync<TableEntity>(Partition, model.Name, cancellationToken: cancellationToken);
        return row.HasValue ? (Read(row.Value!), row.Value!.ETag) : (model.Initial, null);
    }

    public async Task<ViewVersions> ChangeAsync(ReadModel model, Func<ViewVersions, ViewVersions> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (current, tag) = await GetTaggedAsync(model, cancellationToken);
            var next = change(current);
            try
            {
                if (tag is not { } etag) await Table.AddEntityAsync(Write(model, next), cancellationToken);
                else await Table.UpdateEntityAsync(Write(model, next), etag, TableUpdateMode.Replace, cancellationToken);
                return next;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another instance or operator changed them first: decide again on what they are now.
            }
        }
    }

    private static ViewVersions Read(TableEntity row) => new(
        row.GetInt32(nameof(ViewVersions.Active)), row.GetInt32(nameof(ViewVersions.Previous)), row.GetInt32(nameof(ViewVersions.Building)),
        row.GetDateTimeOffset(nameof(ViewVersions.BuildingSince)), row.GetBoolean(nameof(ViewVersions.BuildingFromRemaining)) ?? false,
        row.GetInt32(nameof(ViewVersions.LastVersion)) ?? 0);

    private static TableEntity Write(ReadModel model, ViewVersions versions)
    {
        var row = new TableEntity(Partition, model.Name) { [nameof(ViewVersions.LastVersion)] = versions.LastVersion };
        if (versions.Active is { } active) row[nameof(ViewVersions.Active)] = active;
        if (versions.Previous is { } previous) row[nameof(ViewVersions.Previous)] = previous;
        if (versions.Building is { } building) row[nameof(ViewVersions.Building)] = building;
        if (versions.BuildingSince is { } since) row[nameof(ViewVersions.BuildingSince)] = since;
        if (versions.BuildingFromRemaining) row[nameof(ViewVersions.BuildingFromRemaining)] = true;
        return row;
    }
}
