namespace Pilito.Web.Configuration;

/// <summary>A setting read outside an options class (addresses, proxies, the log file …) has a value Pilito cannot use.</summary>
public sealed class InvalidSettingException : Exception
{
    public InvalidSettingException() { }

    public InvalidSettingException(string message) : base(message) { }

    public InvalidSettingException(string message, Exception innerException) : base(message, innerException) { }
}
