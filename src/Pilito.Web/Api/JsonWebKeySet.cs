namespace Pilito.Web.Api;

/// <summary>RFC 7517's key set: <c>{"keys": [...]}</c>.</summary>
public sealed record JsonWebKeySet(IReadOnlyList<JsonWebKeyBody> Keys);
