namespace EventFunctions.Messaging;

/// <summary>An event that no retry can process: it goes to the dead-letter topic with <see cref="Exception.Message"/> as its reason.</summary>
public sealed class PoisonEventException(string reason, Exception? inner = null) : Exception(reason, inner);
