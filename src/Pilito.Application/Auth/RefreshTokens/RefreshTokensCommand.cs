using Mediator;
using Pilito.Application.Auth.Sessions;

namespace Pilito.Application.Auth.RefreshTokens;

public sealed record RefreshTokensCommand(string? RefreshToken) : ICommand<Session>;
