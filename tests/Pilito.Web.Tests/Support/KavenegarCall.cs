namespace Pilito.Web.Tests.Support;

/// <summary>One request the Kavenegar stand-in received.</summary>
public sealed record KavenegarCall(string ApiKey, string Method, IReadOnlyDictionary<string, string> Form)
{
    public string? this[string name] => Form.TryGetValue(name, out var value) ? value : null;
}
