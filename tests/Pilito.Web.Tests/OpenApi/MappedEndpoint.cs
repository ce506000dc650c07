namespace Pilito.Web.Tests.OpenApi;

/// <summary>An endpoint the app maps: method, route, and whether its authorization requires a token.</summary>
public sealed record MappedEndpoint(string Method, string Path, bool RequiresToken)
{
    public override string ToString() => $"{Method} {Path}";
}
