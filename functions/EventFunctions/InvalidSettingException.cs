namespace EventFunctions;

/// <summary>A setting whose value cannot be used: the host refuses to start, and says which and why in one line.</summary>
public sealed class InvalidSettingException(string setting, string message) : Exception($"{setting}: {message}")
{
    public string Setting => setting;
}
