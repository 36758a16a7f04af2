using System.Collections.Concurrent;
using Azure.Data.Tables;

namespace EventFunctions.Storage;

/// <summary>
/// Remembers, per table, whether it still holds rows of a read model's layout before the current one, so that a
/// reader pays for the older layout only where it can be found. A table without such rows never gets any (nothing
/// writes that layout any more): that answer is kept for good. One that has them is asked again after a while, and
/// a rebuild gives readers another table anyway.
/// </summary>
public sealed class LegacyLayout(Func<TableClient, CancellationToken, Task<bool>> ask, TimeProvider clock)
{
    private static readonly TimeSpan AskAgainAfter = TimeSpan.FromMinutes(5);

    private readonly ConcurrentDictionary<string, (bool Present, DateTimeOffset At)> known = new();

    public async ValueTask<bool> PresentAsync(TableClient table, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(table.Name, out var answer) && (!answer.Present || clock.GetUtcNow() - answer.At < AskAgainAfter))
            return answer.Present;
        var present = await ask(table, cancellationToken);
        known[table.Name] = (present, clock.GetUtcNow());
        return present;
    }
}
