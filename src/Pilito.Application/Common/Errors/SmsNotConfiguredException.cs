namespace Pilito.Application.Common.Errors;

public sealed class SmsNotConfiguredException() : PilitoException("The SMS provider is not configured.");
