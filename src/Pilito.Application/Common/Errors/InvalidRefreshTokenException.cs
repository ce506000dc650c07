namespace Pilito.Application.Common.Errors;

public sealed class InvalidRefreshTokenException() : PilitoException("Token is invalid or expired");
