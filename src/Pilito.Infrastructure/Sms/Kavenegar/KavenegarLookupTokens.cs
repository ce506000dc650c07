namespace Pilito.Infrastructure.Sms.Kavenegar;

/// <summary>verify/lookup's optional tokens: each is sent only when not null (no spaces: Kavenegar answers 431).</summary>
public sealed record KavenegarLookupTokens(string? Token2, string? Token3);
