using System.Globalization;

namespace Pilito.Application.Common.Errors;

public sealed class OtpTokenNotFoundException(long tokenId)
    : PilitoException(string.Create(CultureInfo.InvariantCulture, $"OTP token {tokenId} does not exist."));
