using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Localization;

namespace Pilito.Web.Admin;

/// <summary>The staff admin pages: Razor Pages under /admin, their sign-in, languages and static files.</summary>
public static class AdminSetup
{
    public static readonly CultureInfo[] Cultures = [CultureInfo.GetCultureInfo("en"), CultureInfo.GetCultureInfo("fa-IR")];

    public static void AddPilitoAdmin(this IServiceCollection services, IHostEnvironment environment)
    {
        services.AddAdminAuthentication(environment);
        services.AddRazorPages(o =>
        {
            o.Conventions.AuthorizeFolder("/Admin", AdminAuthentication.Policy);
            o.Conventions.AuthorizeFolder("/Admin/Audit", AdminAuthentication.AdminPolicy);
            o.Conventions.AllowAnonymousToPage("/Admin/Login");
            o.Conventions.AllowAnonymousToPage("/Admin/AccessDenied");
            o.Conventions.AllowAnonymousToPage("/Admin/Culture");
            o.Conventions.AllowAnonymousToPage("/Admin/LoginTwoFactor");
            o.Conventions.ConfigureFilter(new NoHandlerFilter());
            o.Conventions.ConfigureFilter(new TwoFactorEnrolmentFilter());
        });
        services.Configure<RouteOptions>(o =>
        {
            o.LowercaseUrls = true;
            o.AppendTrailingSlash = true; // /admin/accounts/otptoken/, as Django admin
        });
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("en");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            // The default providers stay: ?culture=fa-IR, the culture cookie, then Accept-Language.
        });
        services.AddSingleton<AdminFormatter>();
        // Persian text and digits are written as characters, not as &#x…; entities (JSON has its own encoder).
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(
            UnicodeRanges.BasicLatin, UnicodeRanges.Latin1Supplement, UnicodeRanges.Arabic, UnicodeRanges.ArabicPresentationFormsA,
            UnicodeRanges.ArabicPresentationFormsB, UnicodeRanges.GeneralPunctuation, UnicodeRanges.GeometricShapes));
    }

    /// <summary>Languages apply to the admin pages only: the JSON API's texts are a fixed contract.</summary>
    public static void UsePilitoAdmin(this WebApplication app)
    {
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/admin", StringComparison.OrdinalIgnoreCase),
            admin => admin.UseRequestLocalization());
    }
}
