namespace EventFunctions.Http;

/// <summary>
/// What every API's routes share: each API declares its own (<c>OrdersApi.Routes</c>, <c>OrderViewsApi.Routes</c>, ...)
/// and maps them (<c>MapRoutes</c>), under <c>/api</c> in both hosts (the Functions host adds the prefix itself).
/// </summary>
public static class ApiRoutes
{
    public const string Prefix = "api";

    /// <summary>Where the operators' routes live. Not "admin": the Functions host refuses routes that start so (azure-functions-host#1781).</summary>
    public const string Operations = "operations";
}
