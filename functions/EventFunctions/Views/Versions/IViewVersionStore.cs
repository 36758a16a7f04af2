namespace EventFunctions.Views.Versions;

/// <summary>Where each read model's <see cref="ViewVersions"/> is kept, shared by every instance.</summary>
public interface IViewVersionStore
{
    /// <summary>The versions, and a tag that <see cref="ChangeAsync"/> compares, so that two changes never both apply.</summary>
    Task<(ViewVersions Versions, string? Tag)> GetAsync(ReadModel model, CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="change"/> to the versions as they are now; retries when another change came first.</summary>
    Task<ViewVersions> ChangeAsync(ReadModel model, Func<ViewVersions, ViewVersions> change, CancellationToken cancellationToken);
}
