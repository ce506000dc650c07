using Pilito.Domain.Common;

namespace Pilito.Web.Admin;

/// <summary>
/// What a staff member typed at the second sign-in step: six digits are an authenticator code (Persian digits and
/// spaces allowed, as phones show "123 456"), anything else a recovery code (Identity's XXXXX-XXXXX, case and spaces
/// forgiven).
/// </summary>
public sealed record TwoFactorCodeInput(string Value, bool IsAuthenticatorCode)
{
    /// <summary>Longer than any code: not worth comparing.</summary>
    public const int MaxLength = 64;

    public static TwoFactorCodeInput? Read(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > MaxLength)
            return null;
        var compact = string.Concat(Digits.ToAscii(typed).Where(c => !char.IsWhiteSpace(c)));
        if (compact.Length == 6 && Digits.AreAllAscii(compact))
            return new(compact, IsAuthenticatorCode: true);
        var recovery = compact.Replace("-", string.Empty, StringComparison.Ordinal).ToUpperInvariant();
        return recovery.Length == 10 ? new(recovery[..5] + "-" + recovery[5..], IsAuthenticatorCode: false) : new(compact, IsAuthenticatorCode: false);
    }
}
