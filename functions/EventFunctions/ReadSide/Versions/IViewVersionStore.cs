namespace EventFunctions.ReadSide.Versions;

/// <summary>Where each read model's <see cref="ViewVersions"/> is kept, shared by every instance.</summary>
public interface IViewVersionStore
{
    Task<ViewVersions> GetAsync(ReadModel model, CancellationToken cancellationToken);

    /// <summary>Applies <paramref name="change"/> to the versions as they are now; when another change comes first, decides again on what it made.</summary>
    Task<ViewVersions> ChangeAsync(ReadModel model, Func<ViewVersions, ViewVersions> change, CancellationToken cancellationToken);
}
