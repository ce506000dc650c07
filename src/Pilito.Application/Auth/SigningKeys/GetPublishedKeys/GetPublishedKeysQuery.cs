using Mediator;

namespace Pilito.Application.Auth.SigningKeys.GetPublishedKeys;

/// <summary>The public keys other services verify Pilito's access tokens with (the JWKS).</summary>
public sealed record GetPublishedKeysQuery : IQuery<IReadOnlyList<PublishedKey>>;
