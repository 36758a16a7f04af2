namespace EventFunctions.Processing.Lineage;

/// <summary>The key one writer signs its records with, and the id of the pipeline key it is derived from.</summary>
public sealed record WriterKey(string Id, byte[] Secret);
