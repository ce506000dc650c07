using Mediator;

namespace Pilito.Application.Auth.Logout;

/// <summary>Ends the session a refresh token belongs to: its whole family is revoked.</summary>
public sealed record LogoutCommand(string? RefreshToken) : ICommand<Unit>;
