namespace Pilito.Domain.Audit;

/// <summary>
/// What a staff member did. Stored by name (not number), so a new action is one line here and never renumbers old
/// entries; add new ones at the end.
/// </summary>
public enum StaffAuditAction
{
    SignIn,
    SignOut,
    SignInFailed,
    InvalidateOtpToken,
    LockUser,
    UnlockUser,
    TestSms,
    DeliveryCheck,
    TwoFactorEnabled,
    TwoFactorDisabled,
    RecoveryCodesRenewed,
    RecoveryCodeUsed,
    RetryWebhook,
}
