using System.Security.Cryptography;
using System.Text;

namespace Pilito.Application.Common.Writes;

/// <summary>
/// What a per-minute count is kept for (see <see cref="CountWindow"/>): codes sent by the whole service, from one
/// client network or to one destination prefix; failed verifications of one phone or from one network; failed
/// refreshes from one network; failed staff sign-ins; solved challenges already spent.
/// </summary>
/// <param name="Name">The kind of scope, as stored.</param>
/// <param name="Key">Which one of that kind (a network, a phone, a prefix); empty for the service.</param>
public sealed record CountScope(string Name, string Key)
{
    /// <summary>The longest <see cref="Key"/> stored.</summary>
    public const int MaxKeyLength = 64;

    public static CountScope Service { get; } = new("service", string.Empty);

    /// <summary>Codes requested from one client network.</summary>
    public static CountScope Address(ClientNetwork network) => new("address", Checked(network).Key);

    /// <summary>Codes sent to one destination prefix (the operator's range, such as 912).</summary>
    public static CountScope Prefix(string prefix) => new("prefix", prefix);

    /// <summary>Failed verifications of one phone that came without a verification id.</summary>
    public static CountScope VerifyPhone(string e164) => new("verify-phone", e164);

    /// <summary>Failed verifications from one client network.</summary>
    public static CountScope VerifyAddress(ClientNetwork network) => new("verify-address", Checked(network).Key);

    /// <summary>Refused refresh tokens from one client network.</summary>
    public static CountScope RefreshAddress(ClientNetwork network) => new("refresh-address", Checked(network).Key);

    /// <summary>Failed staff sign-ins from one client network, whatever the email.</summary>
    public static CountScope StaffSignInAddress(ClientNetwork network) => new("staff-address", Checked(network).Key);

    /// <summary>
    /// Failed staff sign-ins for one email from one client network. The key is a digest of both: the table never
    /// holds staff emails, and an unknown email is counted exactly as a staff member's is.
    /// </summary>
    public static CountScope StaffSignInAccount(string email, ClientNetwork network)
    {
        ArgumentNullException.ThrowIfNull(email);
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes($"{email.Trim().ToUpperInvariant()}\n{Checked(network).Key}"));
        return new("staff-account", Convert.ToHexString(digest, 0, 16));
    }

    /// <summary>A solved challenge, by its single-use key: counted once, refused after.</summary>
    public static CountScope SpentChallenge(string singleUseKey) => new("challenge", singleUseKey);

    private static ClientNetwork Checked(ClientNetwork network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network;
    }
}
