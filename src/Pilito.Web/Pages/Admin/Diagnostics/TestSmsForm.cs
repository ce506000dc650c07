namespace Pilito.Web.Pages.Admin.Diagnostics;

/// <summary>The "send a test SMS" form; the Application's validator checks it (field names match TestSmsCommand's).</summary>
public sealed class TestSmsForm
{
    public string? Receptor { get; set; }

    /// <summary>send, lookup or both.</summary>
    public string? Method { get; set; } = "send";

    public string? Message { get; set; }

    /// <summary>Kavenegar or SmsIr; empty for the first of Sms:Providers.</summary>
    public string? Provider { get; set; }
}
