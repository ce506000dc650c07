using System.Text.RegularExpressions;

namespace Pilito.Web.Tests.Support;

public static class Prometheus
{
    /// <summary>Matches a Prometheus series with these labels among any others, in the exporter's (sorted) order.</summary>
    public static string Series(string name, params string[] labels) =>
        name + "\\{[^}]*" + string.Join("[^}]*", labels.Select(Regex.Escape)) + "[^}]*\\}";
}
