using System.Globalization;
using CsvHelper;
using Pilito.Application.Admin.ListOtpTokens;

namespace Pilito.Web.Admin;

/// <summary>
/// The token list as CSV for support staff: instants in UTC (ISO 8601), the phone in E.164, no code. A cell that a
/// spreadsheet would run as a formula (=, +, -, @ first) is quoted with a leading apostrophe (OWASP's CSV injection
/// advice), so "+98912…" reads as text there too.
/// </summary>
public static class OtpTokenCsv
{
    /// <summary>Rows in one export: a support question's worth, not a database dump.</summary>
    public const int MaxRows = 10_000;

    private static readonly CsvWriterOptions Options = new()
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true, // so that spreadsheets open the UTF-8 file as UTF-8
    };

    public static string FileName(DateTimeOffset now) => string.Create(CultureInfo.InvariantCulture, $"otp-tokens-{now:yyyyMMdd-HHmm}.csv");

    public static byte[] Write(IEnumerable<OtpTokenRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        using var output = new MemoryStream();
        using (var csv = CsvWriter.Create(output, Options, leaveOpen: true))
        {
            csv.WriteHeader(["id", "phone_number", "status", "created_at", "expires_at", "attempts", "provider", "provider_status", "message_id",
                "delivery_status", "verified_at"]);
            foreach (var row in rows)
            {
                csv.WriteRecord([
                    Number(row.Id), row.Phone, row.Status.ToString(), Instant(row.CreatedAt), Instant(row.ExpiresAt), Number(row.FailedAttempts),
                    row.DeliveryProvider ?? string.Empty, Number(row.ProviderStatusCode), row.ProviderMessageId ?? string.Empty,
                    Number(row.DeliveryStatus), row.VerifiedAt is { } verified ? Instant(verified) : string.Empty,
                ]);
            }
        }

        return output.ToArray();
    }

    private static string Number(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
