using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hardening;

/// <summary>
/// The optional proof-of-work challenge, over HTTP end to end: under pressure <c>/otp</c> answers 428 with an ALTCHA
/// challenge; a client that solves it (here the C# solver; the npm library agrees, see AltchaWireCompatibilityTests)
/// sends the request again with the solution and it goes ahead, once.
/// </summary>
public sealed class ChallengeTests
{
    private const string ChallengeKey = "integration-tests-challenge-key-0123456789";

    [Test]
    public async Task Network_under_pressure_is_asked_to_solve_a_challenge_and_a_solved_one_goes_ahead_once()
    {
        await using var app = new PilitoApp(null, Settings(("Otp:MaxSendsPerIpPerHour", "4")));
        using var client = app.CreateClient();
        await client.RequestCodeAsync(Phones.NextNational());
        await client.RequestCodeAsync(Phones.NextNational()); // half the network's limit: pressure from here on

        using var asked = await client.RequestOtpAsync(Phones.NextNational());
        var challenge = await ChallengeOfAsync(asked);
        var solution = AltchaSolver.Solve(challenge);
        using var solved = await RequestAsync(client, Phones.NextNational(), solution);
        using var replayed = await RequestAsync(client, Phones.NextNational(), solution);

        Assert.That(solved.StatusCode, Is.EqualTo(HttpStatusCode.OK), (await solved.JsonAsync()).ToString());
        Assert.That(replayed.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionRequired), "a solution is spent by the request it let through");
    }

    [Test]
    public async Task The_hard_limit_still_holds_for_a_solved_challenge()
    {
        await using var app = new PilitoApp(null, Settings(("Otp:MaxSendsPerIpPerHour", "2")));
        using var client = app.CreateClient();
        await client.RequestCodeAsync(Phones.NextNational());
        using var firstAsk = await client.RequestOtpAsync(Phones.NextNational());
        using var secondAsk = await client.RequestOtpAsync(Phones.NextNational());
        var first = AltchaSolver.Solve(await ChallengeOfAsync(firstAsk));
        var second = AltchaSolver.Solve(await ChallengeOfAsync(secondAsk));

        using var solved = await RequestAsync(client, Phones.NextNational(), first);
        using var beyond = await RequestAsync(client, Phones.NextNational(), second);

        Assert.That(solved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(beyond.StatusCode, Is.EqualTo((HttpStatusCode)429), "a solution never buys a code past the limit");
    }

    [Test]
    public async Task A_wrong_or_forged_solution_is_answered_with_a_new_challenge()
    {
        await using var app = new PilitoApp(null, Settings(("Otp:MaxSendsPerIpPerHour", "2")));
        using var client = app.CreateClient();
        await client.RequestCodeAsync(Phones.NextNational());
        using var asked = await client.RequestOtpAsync(Phones.NextNational());
        var challenge = await ChallengeOfAsync(asked);
        var number = AltchaSolver.FindNumber(challenge.GetProperty("challenge").GetString()!, challenge.GetProperty("salt").GetString()!, 1000);

        var wrong = AltchaSolver.Payload("SHA-256", challenge.GetProperty("challenge").GetString()!, number + 1,
            challenge.GetProperty("salt").GetString()!, challenge.GetProperty("signature").GetString()!);
        using var wrongAnswer = await RequestAsync(client, Phones.NextNational(), wrong);
        using var garbage = await RequestAsync(client, Phones.NextNational(), "not base64 at all");

        foreach (var response in new[] { wrongAnswer, garbage })
            Assert.That((await ChallengeOfAsync(response)).GetProperty("signature").GetString(), Is.Not.Empty);
    }

    [Test]
    public async Task A_phone_past_its_first_codes_needs_a_challenge_for_the_next()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var app = new PilitoApp(null, Settings(), clock: clock);
        using var client = app.CreateClient();
        var phone = Phones.NextNational();
        for (var i = 0; i < 3; i++)
            await client.RequestCodeAsync(phone);

        using var early = await client.RequestOtpAsync(phone);
        clock.Advance(TimeSpan.FromMinutes(2));
        using var asked = await client.RequestOtpAsync(phone);
        using var solved = await RequestAsync(client, phone, AltchaSolver.Solve(await ChallengeOfAsync(asked)));

        Assert.That(early.StatusCode, Is.EqualTo((HttpStatusCode)429), "the resend wait answers first: no challenge buys time");
        Assert.That(solved.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await Database.CountTokensAsync(app, Phones.ToE164(phone)), Is.EqualTo(4));
    }

    [Test]
    public async Task Off_by_default_old_clients_never_see_a_challenge()
    {
        await using var app = new PilitoApp(null, new Dictionary<string, string?> { ["Otp:MaxSendsPerIpPerHour"] = "2" });
        using var client = app.CreateClient();
        await client.RequestCodeAsync(Phones.NextNational());

        using var second = await client.RequestOtpAsync(Phones.NextNational());

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Challenge:Enabled"] = "true",
            ["Challenge:HmacKey"] = ChallengeKey,
            ["Challenge:MaxNumber"] = "1000",
        };
        foreach (var (key, value) in extra)
            settings[key] = value;
        return settings;
    }

    private static async Task<JsonElement> ChallengeOfAsync(HttpResponseMessage response)
    {
        var body = await response.JsonAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.PreconditionRequired), body.ToString());
        Assert.That(body.GetProperty("detail").GetString(), Is.EqualTo("Please solve the challenge and send the request again."));
        var challenge = body.GetProperty("challenge");
        Assert.That(challenge.Keys(), Is.EqualTo(new[] { "algorithm", "challenge", "maxnumber", "salt", "signature" }));
        return challenge;
    }

    private static Task<HttpResponseMessage> RequestAsync(HttpClient client, string phone, string altcha) =>
        client.PostAsJsonAsync(ApiClient.RequestOtpPath, new Dictionary<string, string> { ["phone_number"] = phone, ["altcha"] = altcha });
}
