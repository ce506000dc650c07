using Pilito.Application.Common.Ports;

namespace Pilito.Application.Accounts.VerifyPhoneChange;

/// <param name="User">The account, on its new number.</param>
/// <param name="SessionsEnded">How many of the account's other sessions (refresh families) were ended.</param>
public sealed record VerifyPhoneChangeResult(UserAccount User, int SessionsEnded);
