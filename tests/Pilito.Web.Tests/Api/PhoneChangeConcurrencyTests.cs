using System.Net;
using Pilito.Web.Tests.Support;
using static Pilito.Web.Tests.Support.PhoneChangeClient;

namespace Pilito.Web.Tests.Api;

/// <summary>
/// Two accounts moving to one number at once, through two app instances on one database (a SQLite file, and a real
/// PostgreSQL server): the database decides, exactly one account gets the number and the other is told why.
/// </summary>
[TestFixtureSource(typeof(TestProviders), nameof(TestProviders.Both))]
public sealed class PhoneChangeConcurrencyTests(TestProvider provider) : StandInFixture(provider)
{
    private PilitoApp _second = null!;
    private HttpClient _secondClient = null!;

    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => NewApp(kavenegar: null);

    [OneTimeSetUp]
    public void StartSecondInstance()
    {
        _second = NewApp(kavenegar: null, databasePath: App.DatabasePath);
        _secondClient = _second.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopSecondInstanceAsync()
    {
        _secondClient?.Dispose();
        if (_second is not null)
            await _second.DisposeAsync();
    }

    [Test]
    public async Task Two_accounts_verifying_a_move_to_one_number_at_once_exactly_one_wins()
    {
        var target = Phones.NextNational();
        var first = await Client.SignInAsync(Phones.NextNational());
        var second = await _secondClient.SignInAsync(Phones.NextNational());
        // The second request supersedes the first code; with its verification id the first still verifies.
        var (firstCode, firstId) = await Client.RequestPhoneChangeCodeAsync(AccessTokenOf(first), target);
        var (secondCode, secondId) = await _secondClient.RequestPhoneChangeCodeAsync(AccessTokenOf(second), target);

        var answers = await Task.WhenAll(
            Client.VerifyPhoneChangeAsync(AccessTokenOf(first), target, firstCode, firstId),
            _secondClient.VerifyPhoneChangeAsync(AccessTokenOf(second), target, secondCode, secondId));

        var statuses = answers.Select(a => a.StatusCode).ToList();
        Assert.That(statuses, Is.EquivalentTo(new[] { HttpStatusCode.OK, HttpStatusCode.Conflict }));
        Assert.That(await CountAccountsAsync(App, Phones.ToE164(target)), Is.EqualTo(1));
        var winner = statuses[0] == HttpStatusCode.OK ? first : second;
        var loser = statuses[0] == HttpStatusCode.OK ? second : first;
        Assert.That(UserIdOf(await Client.SignInAsync(target)), Is.EqualTo(UserIdOf(winner)));
        Assert.That((await Client.CurrentUserAsync(AccessTokenOf(loser))).GetProperty("phone_number").GetString(),
            Is.Not.EqualTo(Phones.ToE164(target)));
        foreach (var answer in answers)
            answer.Dispose();
    }
}
