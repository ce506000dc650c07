using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Application.Common.Options;

public sealed class OtpOptions : IValidatableObject
{
    public const string Section = "Otp";

    [Range(OtpCode.MinLength, OtpCode.MaxLength)]
    public int CodeLength { get; set; } = 6;

    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromMinutes(5);

    [Range(1, 1000)]
    public int MaxSendsPerWindow { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan SendWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Codes per phone in any 24 hours, however they are spaced: what SMS bombing can send to one victim.</summary>
    [Range(1, 1000)]
    public int MaxSendsPerPhonePerDay { get; set; } = 10;

    /// <summary>
    /// Waits before each further code of a phone once <see cref="MaxSendsPerWindow"/> codes were sent in the last 24
    /// hours, growing with each code and then staying at the last: space-separated durations.
    /// </summary>
    [Required]
    public string ResendDelays { get; set; } = "00:01:00 00:02:00 00:05:00 00:15:00";

    /// <summary>Wrong codes per code and per kind of attempt (with the verification id, or without it).</summary>
    [Range(1, 100)]
    public int MaxVerifyAttempts { get; set; } = 5;

    /// <summary>
    /// Failed verifications per phone per hour that came without a verification id, whether or not the phone has a
    /// code: caps guessing across codes. Attempts with a verification id are not counted, so they are never refused.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxVerifyFailuresPerPhonePerHour { get; set; } = 20;

    /// <summary>The same over any 24 hours: bounds the guesses one phone's codes can receive in a day (docs/security.md).</summary>
    [Range(1, 100_000)]
    public int MaxVerifyFailuresPerPhonePerDay { get; set; } = 40;

    /// <summary>Failed verifications per client network per hour, against any phones.</summary>
    [Range(1, 10_000_000)]
    public int MaxVerifyFailuresPerIpPerHour { get; set; } = 300;

    /// <summary>Codes per client network per hour. Generous: carriers put many phones behind one address.</summary>
    [Range(1, 10_000_000)]
    public int MaxSendsPerIpPerHour { get; set; } = 100;

    /// <summary>How many leading bits of an IPv6 address name one client network, for every per-address limit.</summary>
    [Range(32, 128)]
    public int Ipv6PrefixLength { get; set; } = 64;

    /// <summary>Codes per hour across the whole service: a ceiling on what SMS pumping can cost.</summary>
    [Range(1, 100_000_000)]
    public int MaxSendsPerHour { get; set; } = 1000;

    /// <summary>
    /// The share of <see cref="MaxSendsPerHour"/> that codes to one destination prefix (an operator's range, such as
    /// 0912) may take: a pumping campaign on one range pauses that range, not the country.
    /// </summary>
    [Range(0.01, 1.0)]
    public double MaxPrefixShareOfBudget { get; set; } = 0.5;

    /// <summary>The share of <see cref="MaxSendsPerHour"/> at which a warning is logged and counted, well before the ceiling.</summary>
    [Range(0.01, 1.0)]
    public double BudgetWarningShare { get; set; } = 0.5;

    /// <summary>Tokens older than this are deleted (support staff look back this far).</summary>
    /// <summary>At least a day: the daily per-phone limit counts the tokens of the last 24 hours.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "3650.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Purge in the background on every instance; off when purge-otp runs from a scheduler instead.</summary>
    public bool PurgeInBackground { get; set; } = true;

    /// <summary>How often each instance purges tokens past Retention.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Ask the provider in the background what became of each code sent (delivered, failed …) and record it.</summary>
    public bool TrackDelivery { get; set; } = true;

    /// <summary>How often each instance asks about the codes whose delivery is not settled yet.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DeliveryCheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// When delivery tracking learns that an SMS code was not delivered (and it is still waiting to be typed), call the
    /// phone once with a new code that replaces it. Off by default: a call costs more than an SMS.
    /// </summary>
    public bool FallbackToCall { get; set; }

    /// <summary>How long after a code was requested its delivery is still asked about (at least its lifetime is sensible).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "2.00:00:00")]
    public TimeSpan DeliveryTrackingWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Rows deleted per statement: small batches keep each write lock short.</summary>
    [Range(1, 100_000)]
    public int PurgeBatchSize { get; set; } = 1000;

    /// <summary>
    /// Phones whose code is fixed, for app-store review and QA ("Otp:TestNumbers:09120000001" = "246810"; the key in any
    /// accepted phone format): a code request answers as usual but sends nothing, only that code verifies, and every
    /// limit applies. In any environment, so give them to reviewers only.
    /// </summary>
    public Dictionary<string, string> TestNumbers { get; init; } = new(StringComparer.Ordinal);

    private Dictionary<PhoneNumber, string>? _testCodes;

    /// <summary>
    /// Whether a correct code for a phone with no account creates one. Off: only existing accounts sign in, and an
    /// unknown phone's correct code answers 403 (a client can ask the same per request with "create_user": false).
    /// </summary>
    public bool AllowSignUp { get; set; } = true;

    /// <summary>Key of the HMAC that stores codes. Required outside Development.</summary>
    public string? HashKey { get; set; }

    /// <summary>Return the code in the API answer. For local development only; refused in Production.</summary>
    public bool? RevealCodes { get; set; }

    public bool ShouldRevealCodes => RevealCodes ?? false;

    /// <summary>The hourly cap on codes to one destination prefix.</summary>
    public int MaxSendsPerPrefixPerHour => Math.Max(1, (int)Math.Ceiling(MaxSendsPerHour * MaxPrefixShareOfBudget));

    /// <summary>The service's count of codes this hour at which the budget warning is given.</summary>
    public int BudgetWarningAt => Math.Max(1, (int)Math.Ceiling(MaxSendsPerHour * BudgetWarningShare));

    /// <summary>The fixed code of a test number (<see cref="TestNumbers"/>); null for every other phone.</summary>
    public string? TestCodeOf(PhoneNumber phone)
    {
        ArgumentNullException.ThrowIfNull(phone);
        if (TestNumbers.Count == 0)
            return null;
        // Parsed at the first call, not at each: every code request and verification asks.
        _testCodes ??= ParseTestNumbers();
        return _testCodes.GetValueOrDefault(phone);
    }

    private Dictionary<PhoneNumber, string> ParseTestNumbers()
    {
        var codes = new Dictionary<PhoneNumber, string>();
        foreach (var (number, code) in TestNumbers)
        {
            if (PhoneNumber.TryParse(number, out var phone))
                codes.TryAdd(phone, code); // validation refuses a phone named twice
        }

        return codes;
    }

    /// <summary><see cref="ResendDelays"/>, parsed; empty when it does not parse (validation refuses it then).</summary>
    public IReadOnlyList<TimeSpan> ResendDelayList => TryParseDelays(ResendDelays, out var delays) ? delays : [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!TryParseDelays(ResendDelays, out var delays) || delays.Count == 0)
        {
            yield return new ValidationResult(
                "Otp:ResendDelays must be one or more durations between 00:00:00 and 1.00:00:00, separated by spaces (e.g. \"00:01:00 00:05:00\").",
                [nameof(ResendDelays)]);
        }

        var seen = new HashSet<PhoneNumber>();
        foreach (var (number, code) in TestNumbers)
        {
            if (!PhoneNumber.TryParse(number, out var phone))
                yield return new ValidationResult($"Otp:TestNumbers:{number} is not a valid Iranian mobile number.", [nameof(TestNumbers)]);
            else if (!seen.Add(phone))
                yield return new ValidationResult($"Otp:TestNumbers names {phone.E164} twice.", [nameof(TestNumbers)]);
            // The code itself is never repeated here: it signs in to a real account.
            if (code is null || code.Length != CodeLength || !code.All(char.IsAsciiDigit))
                yield return new ValidationResult($"Otp:TestNumbers:{number} must be a code of Otp:CodeLength ({CodeLength}) digits.", [nameof(TestNumbers)]);
        }
    }

    private static bool TryParseDelays(string? text, out List<TimeSpan> delays)
    {
        delays = [];
        foreach (var part in (text ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TimeSpan.TryParse(part, CultureInfo.InvariantCulture, out var delay) || delay < TimeSpan.Zero || delay > TimeSpan.FromDays(1))
                return false;
            delays.Add(delay);
        }

        return true;
    }
}
