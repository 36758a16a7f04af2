namespace EventFunctions.Messaging;

/// <summary>Header names of the CloudEvents Kafka protocol binding (binary content mode), plus our extension.</summary>
public static class CloudEventHeaders
{
    public const string Id = "ce_id";
    public const string Type = "ce_type";
    public const string Source = "ce_source";
    public const string SpecVersion = "ce_specversion";
    public const string Time = "ce_time";
    public const string Subject = "ce_subject";
    public const string ContentType = "content-type";

    /// <summary>The schema, and so the version, the data was written in (<see cref="Contracts.Versions.EventSchemas"/>); none means v1.</summary>
    public const string DataSchema = "ce_dataschema";

    /// <summary>Extension attribute: the id of the event that caused this one.</summary>
    public const string CausationId = "ce_causationid";

    public const string SpecVersionValue = "1.0";
    public const string JsonContentType = "application/json";
}
