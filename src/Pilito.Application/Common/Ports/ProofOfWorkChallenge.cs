namespace Pilito.Application.Common.Ports;

/// <summary>
/// A challenge as the client receives it. The wire names are ALTCHA's: <c>algorithm</c>, <c>challenge</c>,
/// <c>maxnumber</c> (one word: the web API's snake_case policy would write <c>max_number</c>, which the widget
/// does not read), <c>salt</c>, <c>signature</c>.
/// </summary>
/// <param name="Algorithm">Always <c>SHA-256</c>.</param>
/// <param name="Challenge">Lowercase hex of SHA-256(salt + number).</param>
/// <param name="MaxNumber">The largest number the solver needs to try.</param>
/// <param name="Salt">Random hex, then <c>?expires=</c>Unix seconds, then <c>&amp;</c>.</param>
/// <param name="Signature">Lowercase hex of HMAC-SHA256(key, challenge).</param>
/// <param name="ExpiresAt">The expiry written in the salt (whole seconds); not part of ALTCHA's JSON.</param>
public sealed record ProofOfWorkChallenge(
    string Algorithm, string Challenge, int MaxNumber, string Salt, string Signature, DateTimeOffset ExpiresAt);
