using System.Text.Json;
using Pilito.Application.Common.Ports;
using Pilito.Infrastructure.Security;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Security;

/// <summary>
/// Pilito against the real ALTCHA library: altcha-lib 2.8.0 from npm, run by Node.js, through its v1 API
/// (<c>altcha-lib/v1</c>: the format the altcha widget 3.x solves for a challenge with a <c>challenge</c> member).
/// One Node run per fixture answers every test. Needs node and npm (CI installs them) and the npm registry.
/// </summary>
[Category(TestSpeed.Process)]
public sealed class AltchaWireCompatibilityTests
{
    private const string AltchaLib = "altcha-lib@2.8.0";
    private const int MaxNumber = 20_000;

    // Reads {hmacKey, maxnumber, challenge, csharpPayload} on stdin, writes what altcha-lib made and decided on stdout.
    private const string Script = """
        import { webcrypto } from 'node:crypto';
        import { readFileSync } from 'node:fs';
        import { createChallenge, solveChallenge, verifySolution } from 'altcha-lib/v1';

        globalThis.crypto ??= webcrypto; // Node 18 has no global Web Crypto; altcha-lib uses it
        const input = JSON.parse(readFileSync(0, 'utf8'));
        const encode = (c, number) => btoa(JSON.stringify({
          algorithm: c.algorithm, challenge: c.challenge, number, salt: c.salt, signature: c.signature }));

        // (a) Pilito's challenge, solved by altcha-lib; altcha-lib as the server would accept it too.
        const pilito = input.challenge;
        const solved = await solveChallenge(pilito.challenge, pilito.salt, pilito.algorithm, pilito.maxnumber).promise;
        const pilitoPayload = solved ? encode(pilito, solved.number) : null;
        const pilitoVerifiedByLib = pilitoPayload ? await verifySolution(pilitoPayload, input.hmacKey) : false;

        // (b) altcha-lib's own challenge under the same key, solved and verified by altcha-lib.
        const libChallenge = await createChallenge({
          hmacKey: input.hmacKey, maxnumber: input.maxnumber, expires: new Date(Date.now() + 5 * 60 * 1000) });
        const own = await solveChallenge(libChallenge.challenge, libChallenge.salt, libChallenge.algorithm, libChallenge.maxnumber).promise;
        const libPayload = encode(libChallenge, own.number);
        const libVerified = await verifySolution(libPayload, input.hmacKey);

        // (c) The C# test solver's payload, verified by altcha-lib.
        const solverVerifiedByLib = await verifySolution(input.csharpPayload, input.hmacKey);

        process.stdout.write(JSON.stringify({
          pilitoPayload, pilitoVerifiedByLib, libChallenge, libPayload, libVerified, solverVerifiedByLib }));
        """;

    private string _directory = null!;
    private AltchaProofOfWork _pow = null!;
    private ProofOfWorkChallenge _challenge = null!;
    private JsonElement _node;

    [OneTimeSetUp]
    public async Task RunAltchaLibAsync()
    {
        TestSpeed.Require(TestSpeed.Process);
        if (!ExternalProgram.OnPath("node") || !ExternalProgram.OnPath("npm"))
            Assert.Fail("node and npm are needed to run altcha-lib (.ci/run installs them).");

        _directory = Directory.CreateTempSubdirectory("pilito-altcha-").FullName;
        var install = await ExternalProgram.RunAsync("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--ignore-scripts",
            "--prefix", _directory, AltchaLib], Path.GetTempPath(), TimeSpan.FromMinutes(3));
        Assert.That(install.ExitCode, Is.Zero, $"npm install {AltchaLib} failed:\n{install.Error}");

        _pow = AltchaProofOfWorkTests.Create(AltchaProofOfWorkTests.Key, TimeProvider.System, MaxNumber);
        _challenge = _pow.CreateChallenge();
        var script = Path.Combine(_directory, "check.mjs");
        await File.WriteAllTextAsync(script, Script);
        var input = JsonSerializer.Serialize(new
        {
            hmacKey = AltchaProofOfWorkTests.Key,
            maxnumber = MaxNumber,
            challenge = new
            {
                algorithm = _challenge.Algorithm,
                challenge = _challenge.Challenge,
                maxnumber = _challenge.MaxNumber,
                salt = _challenge.Salt,
                signature = _challenge.Signature,
            },
            csharpPayload = AltchaSolver.Solve(_pow.CreateChallenge()),
        });
        var run = await ExternalProgram.RunAsync("node", [script], Path.GetTempPath(), TimeSpan.FromMinutes(2), input: input);
        Assert.That(run.ExitCode, Is.Zero, $"node failed:\n{run.Error}");
        _node = JsonDocument.Parse(run.Output).RootElement.Clone();
    }

    [OneTimeTearDown]
    public void DeleteDirectory()
    {
        if (_directory is not null && Directory.Exists(_directory))
            Directory.Delete(_directory, recursive: true);
    }

    [Test]
    public void Pilito_accepts_altcha_lib_s_solution_of_a_Pilito_challenge()
    {
        var check = _pow.Check(_node.GetProperty("pilitoPayload").GetString());

        Assert.That(check.IsValid, Is.True, check.Failure.ToString());
        Assert.That(check.SingleUseKey, Is.EqualTo(_challenge.Signature));
    }

    [Test]
    public void Altcha_lib_as_a_server_accepts_that_solution_too()
    {
        Assert.That(_node.GetProperty("pilitoVerifiedByLib").GetBoolean(), Is.True);
    }

    [Test]
    public void Pilito_accepts_a_challenge_made_solved_and_verified_by_altcha_lib_under_the_same_key()
    {
        var lib = _node.GetProperty("libChallenge");

        var check = _pow.Check(_node.GetProperty("libPayload").GetString());

        Assert.That(_node.GetProperty("libVerified").GetBoolean(), Is.True, "altcha-lib's own verdict");
        Assert.That(check.IsValid, Is.True, check.Failure.ToString());
        Assert.That(check.SingleUseKey, Is.EqualTo(lib.GetProperty("signature").GetString()));
        Assert.That(check.ExpiresAt, Is.EqualTo(AltchaProofOfWork.ExpiresOf(lib.GetProperty("salt").GetString()!)));
    }

    [Test]
    public void Altcha_lib_makes_challenges_of_the_shape_Pilito_makes()
    {
        var lib = _node.GetProperty("libChallenge");

        Assert.That(lib.EnumerateObject().Select(m => m.Name), Is.EquivalentTo(new[] { "algorithm", "challenge", "maxnumber", "salt", "signature" }));
        Assert.That(lib.GetProperty("algorithm").GetString(), Is.EqualTo(_challenge.Algorithm));
        Assert.That(lib.GetProperty("salt").GetString(), Does.Match(@"^[0-9a-f]{24}\?expires=[0-9]+&$"));
        Assert.That(_challenge.Salt, Does.Match(@"^[0-9a-f]{24}\?expires=[0-9]+&$"));
    }

    [Test]
    public void Altcha_lib_accepts_the_test_solver_s_payload()
    {
        Assert.That(_node.GetProperty("solverVerifiedByLib").GetBoolean(), Is.True);
    }
}
