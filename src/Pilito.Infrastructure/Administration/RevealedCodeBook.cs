using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using Pilito.Application.Common.Options;

namespace Pilito.Infrastructure.Administration;

/// <summary>
/// Codes this process sent while Otp:RevealCodes is on (Development only), keyed by the hash the token stores,
/// so staff pages can show them. The database never holds a code; with RevealCodes off nothing is kept.
/// </summary>
internal sealed class RevealedCodeBook(IOptions<OtpOptions> options)
{
    private const int Capacity = 10_000;
    private readonly ConcurrentDictionary<string, string> _codes = new();
    private int _remembered;

    public void Remember(byte[] codeHash, string code)
    {
        if (!options.Value.ShouldRevealCodes)
            return;
        // A development convenience: forgetting old codes is fine. (ConcurrentDictionary.Count takes every lock.)
        if (Interlocked.Increment(ref _remembered) % Capacity == 0)
            _codes.Clear();
        _codes[Convert.ToBase64String(codeHash)] = code;
    }

    public string? Find(byte[] codeHash) =>
        options.Value.ShouldRevealCodes && _codes.TryGetValue(Convert.ToBase64String(codeHash), out var code) ? code : null;
}
