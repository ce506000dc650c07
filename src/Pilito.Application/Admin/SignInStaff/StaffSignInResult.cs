namespace Pilito.Application.Admin.SignInStaff;

public enum StaffSignInOutcome
{
    /// <summary>The staff session has started.</summary>
    SignedIn,

    /// <summary>The password was right; the session starts after the second step (an authenticator code).</summary>
    SecondStepRequired,

    /// <summary>Unknown email, wrong password, not staff or locked: one answer, so that nobody learns which.</summary>
    Refused,

    /// <summary>Too many failures from this network, or for this email from it; nothing was checked.</summary>
    Paused,
}

/// <param name="RetryAfter">With <see cref="StaffSignInOutcome.Paused"/>: when the next attempt may be made.</param>
public sealed record StaffSignInResult(StaffSignInOutcome Outcome, TimeSpan? RetryAfter = null);
