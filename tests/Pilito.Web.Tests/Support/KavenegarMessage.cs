namespace Pilito.Web.Tests.Support;

/// <summary>A message the Kavenegar stand-in accepted (sms/send, verify/lookup or call/maketts), with the id it answered.</summary>
public sealed record KavenegarMessage(long MessageId, string ApiKey, string Method, string Receptor);
