namespace EventFunctions.ReadSide.Rebuild;

/// <summary>A build that would not give a complete view, refused unless the operator asks for what remains.</summary>
public sealed class RebuildRefusedException(string message) : Exception(message);
