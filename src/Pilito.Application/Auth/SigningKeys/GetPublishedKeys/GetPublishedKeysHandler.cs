using Mediator;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;

namespace Pilito.Application.Auth.SigningKeys.GetPublishedKeys;

public sealed class GetPublishedKeysHandler(SigningKeyManager keys, IOptions<AuthOptions> options)
    : IQueryHandler<GetPublishedKeysQuery, IReadOnlyList<PublishedKey>>
{
    public async ValueTask<IReadOnlyList<PublishedKey>> Handle(GetPublishedKeysQuery query, CancellationToken cancellationToken)
    {
        // HS256's key is a shared secret: publishing it would hand out the power to sign. The set is empty.
        if (!options.Value.UsesEs256)
            return [];
        var set = await keys.GetAsync(cancellationToken);
        return [.. set.Published.Select(k => new PublishedKey(k.Id, k.Algorithm, k.PublicX, k.PublicY))];
    }
}
