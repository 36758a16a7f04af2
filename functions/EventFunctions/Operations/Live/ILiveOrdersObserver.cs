namespace EventFunctions.Operations.Live;

/// <summary>
/// Told what each of <see cref="LiveOrdersFeed"/>'s applications changed, on the feed's one thread and in order: how the
/// local host's board learns of changes without the Functions app carrying a board.
/// </summary>
public interface ILiveOrdersObserver
{
    void Changed(LiveOrderChanges changes);
}
