using Mediator;

namespace Pilito.Application.Otp.RequestOtp;

/// <param name="PhoneNumber">As the client typed it; normalized by the handler.</param>
/// <param name="ClientIp">The caller's address, kept on the token for support and abuse checks.</param>
/// <param name="Altcha">A solved challenge (the ALTCHA payload), when the client was asked for one.</param>
/// <param name="Channel">"sms" or "call" as the client sent it; null (absent) means SMS (<see cref="DeliveryChannels"/>).</param>
/// <param name="Language">The SMS's language as the client asked for it ("fa", "en-US"); see <see cref="MessageLanguages"/>.</param>
/// <param name="AcceptedLanguages">The Accept-Language header's tags, most preferred first.</param>
/// <param name="PhoneChangeAccountId">
/// Null for a sign-in code. The signed-in account, for a code that moves that account to <paramref name="PhoneNumber"/>
/// (<c>POST /api/v1/usr/phone</c>): the same limits, challenge and delivery, and a token that verifies only for it.
/// </param>
public sealed record RequestOtpCommand(
    string? PhoneNumber, string? ClientIp, string? Altcha = null, string? Channel = null, string? Language = null,
    IReadOnlyList<string>? AcceptedLanguages = null, Guid? PhoneChangeAccountId = null)
    : ICommand<RequestOtpResult>;
