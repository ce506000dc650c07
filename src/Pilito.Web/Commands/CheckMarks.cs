using Pilito.Application.Common.Ports;

namespace Pilito.Web.Commands;

internal static class CheckMarks
{
    public static string For(CheckStatus status) => status switch
    {
        CheckStatus.Ok => "✅",
        CheckStatus.Warning => "⚠️",
        _ => "❌",
    };

    public static string For(bool ok) => ok ? "✅" : "❌";
}
