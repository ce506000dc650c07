namespace Pilito.Application.Admin.ListOtpTokens;

/// <summary>Columns the token list can be ordered by; each is indexed so keyset paging stays a seek.</summary>
public enum OtpTokenSort
{
    Created,
    Expires,
    Attempts,
}
