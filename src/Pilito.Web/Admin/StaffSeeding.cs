using Mediator;
using Pilito.Application.Admin.CreateStaffAccount;

namespace Pilito.Web.Admin;

/// <summary>
/// Development only: creates the staff account named by Admin:SeedEmail / Admin:SeedPassword when it is missing,
/// so a fresh `dotnet run` can be signed into. Elsewhere staff accounts come from `create-admin`.
/// </summary>
public static class StaffSeeding
{
    public const string EmailSetting = "Admin:SeedEmail";
    public const string PasswordSetting = "Admin:SeedPassword";

    public static async Task SeedStaffAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var email = app.Configuration[EmailSetting];
        var password = app.Configuration[PasswordSetting];
        if (!app.Environment.IsDevelopment() || string.IsNullOrWhiteSpace(email) || string.IsNullOrEmpty(password))
            return;

        await using var scope = app.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<ISender>()
            .Send(new CreateStaffAccountCommand(email, password, StaffRoles.Admin));
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StaffSeeding));
        if (result.Outcome == CreateStaffAccountOutcome.Refused)
            logger.LogWarning("Development staff account not seeded: {Errors}", string.Join(" ", result.Errors));
        else if (result.Outcome == CreateStaffAccountOutcome.Created)
            logger.LogInformation("Development staff account seeded; sign in at /admin/login");
    }
}
