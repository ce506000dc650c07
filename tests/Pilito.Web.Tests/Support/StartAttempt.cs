using Microsoft.AspNetCore.Builder;
using Pilito.Web.Configuration;

namespace Pilito.Web.Tests.Support;

/// <summary>
/// Builds and checks the host as Program does (<see cref="PilitoStart"/>), in process, and returns the one line Program
/// would print for what it throws (<see cref="StartFailure"/>).
/// </summary>
public static class StartAttempt
{
    /// <summary>Settings with which the host starts in any environment; the database file is never opened.</summary>
    public static Dictionary<string, string?> Valid() => new()
    {
        ["ConnectionStrings:Pilito"] = $"Data Source={Path.Combine(Path.GetTempPath(), "pilito-never-opened.db")}",
        ["Database:Provider"] = "Sqlite",
        ["Auth:SigningKey"] = PilitoApp.SigningKey,
        ["Otp:HashKey"] = PilitoApp.HashKey,
        ["Kavenegar:ApiKey"] = KavenegarStandIn.ValidKey,
        ["Urls"] = "http://127.0.0.1:0",
    };

    /// <summary>The line Program would print, or null when the host builds and validates.</summary>
    public static string? Line(string environment, Dictionary<string, string?> settings)
    {
        try
        {
            using var app = PilitoStart.Build(new WebApplicationOptions
            {
                EnvironmentName = environment,
                ContentRootPath = Path.GetDirectoryName(PilitoProcess.WebAssemblyPath),
            }, settings);
            PilitoStart.Validate(app);
            return null;
        }
        catch (Exception e) when (StartFailure.Describe(e) is { } line)
        {
            return line;
        }
    }
}
