using Mediator;
using Pilito.Application.Auth.Sessions;

namespace Pilito.Application.Auth.RefreshTokens;

/// <param name="ClientIp">The caller's address: refused tokens are counted per client network.</param>
public sealed record RefreshTokensCommand(string? RefreshToken, string? ClientIp = null) : ICommand<Session>;
