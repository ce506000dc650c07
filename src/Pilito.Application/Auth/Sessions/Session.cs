using Pilito.Application.Common.Ports;

namespace Pilito.Application.Auth.Sessions;

/// <summary>What a client gets on sign-in or refresh: a short-lived access token and a single-use refresh token.</summary>
public sealed record Session(AccessToken Access, string RefreshToken, UserAccount User);
