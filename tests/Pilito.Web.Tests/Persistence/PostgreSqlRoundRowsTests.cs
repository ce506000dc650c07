using Pilito.Domain.Otp;
using Pilito.Domain.Phones;
using Pilito.Infrastructure.Persistence.GroupCommit.PostgreSql;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Persistence;

/// <summary>
/// A PostgreSQL round writes each kind of change of all its writes with one statement (PostgreSqlRoundChanges):
/// rows inserted together must each get their own id, a row two writes change must keep both changes, and a column
/// set to NULL in one row and to a value in another must store both. Each round runs on the writer's own path, on a
/// real database.
/// </summary>
public sealed class PostgreSqlRoundRowsTests : PostgreSqlWriterFixture
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public async Task Rows_inserted_by_one_statement_each_get_the_id_of_their_own_row()
    {
        await using var writer = Writer();
        // Tokens with and without a client address and a verification id: rows of several column sets, whose inserts interleave.
        var tokens = Enumerable.Range(0, 24).Select(i => Token(clientIp: i % 3 == 0 ? null : $"10.0.0.{i}", verificationId: i % 2 == 0 ? $"id-{i}" : null)).ToList();

        await writer.RunRoundAsync(async (round, ct) =>
        {
            foreach (var token in tokens)
            {
                round.Add(token);
                await round.SaveChangesAsync(ct);
            }
        }, CancellationToken.None);

        Assert.That(tokens.Select(t => t.Id).Distinct().Count(), Is.EqualTo(tokens.Count), "every token was given an id of its own");
        var stored = await StoredAsync(writer, tokens);
        Assert.Multiple(() =>
        {
            for (var i = 0; i < tokens.Count; i++)
            {
                Assert.That(stored[i]?.Phone, Is.EqualTo(tokens[i].Phone), $"token {i}'s id finds its own row");
                Assert.That(stored[i]?.VerificationId, Is.EqualTo(tokens[i].VerificationId), $"token {i}'s verification id");
                Assert.That(stored[i]?.ClientIp, Is.EqualTo(tokens[i].ClientIp), $"token {i}'s client address");
            }
        });
    }

    [Test]
    public async Task A_row_that_writes_of_one_round_change_alike_keeps_every_change()
    {
        await using var writer = Writer();
        var token = Token(clientIp: null, verificationId: "thrice");
        await writer.RunRoundAsync(async (round, ct) =>
        {
            round.Add(token);
            await round.SaveChangesAsync(ct);
        }, CancellationToken.None);

        await writer.RunRoundAsync(async (round, ct) =>
        {
            (await round.FindTokenAsync(token.Id, ct))!.RecordDelivery(new DeliveryReport("kavenegar", Accepted: true, "message-1", 200, null), Now);
            await round.SaveChangesAsync(ct);
            // The next two change the same columns: one statement cannot change the row twice.
            (await round.FindTokenAsync(token.Id, ct))!.RecordDeliveryStatus(1, "at the operator", DeliveryOutcome.Pending, Now.AddSeconds(2));
            await round.SaveChangesAsync(ct);
            (await round.FindTokenAsync(token.Id, ct))!.RecordDeliveryStatus(10, "delivered", DeliveryOutcome.Delivered, Now.AddSeconds(5));
            await round.SaveChangesAsync(ct);
        }, CancellationToken.None);

        var stored = (await StoredAsync(writer, [token]))[0]!;
        Assert.Multiple(() =>
        {
            Assert.That((stored.Status, stored.ProviderMessageId), Is.EqualTo((OtpStatus.Sent, "message-1")), "the first write's change");
            Assert.That((stored.DeliveryStatus, stored.DeliveryOutcome), Is.EqualTo(((int?)10, (DeliveryOutcome?)DeliveryOutcome.Delivered)), "the last write's change");
            Assert.That(stored.Version, Is.EqualTo(3), "every write moved the version");
        });
    }

    [Test]
    public async Task A_column_one_update_sets_to_null_and_another_to_a_value_stores_both()
    {
        await using var writer = Writer();
        var failed = Token(clientIp: null, verificationId: null);
        var answered = Token(clientIp: null, verificationId: null);
        failed.RecordDelivery(new DeliveryReport("kavenegar", Accepted: false, null, 502, "provider down"), Now);
        answered.RecordDelivery(new DeliveryReport("kavenegar", Accepted: false, "message-0", null, null), Now);
        await writer.RunRoundAsync(async (round, ct) =>
        {
            round.Add(failed);
            round.Add(answered);
            await round.SaveChangesAsync(ct);
        }, CancellationToken.None);

        await writer.RunRoundAsync(async (round, ct) =>
        {
            // The same columns change in both rows, so one statement sets them: to NULL in one row and to values in the other.
            (await round.FindTokenAsync(failed.Id, ct))!.RecordDelivery(new DeliveryReport("smsir", Accepted: true, "message-2", null, null), Now);
            await round.SaveChangesAsync(ct);
            (await round.FindTokenAsync(answered.Id, ct))!.RecordDelivery(new DeliveryReport("smsir", Accepted: true, null, 503, "busy"), Now);
            await round.SaveChangesAsync(ct);
        }, CancellationToken.None);

        var stored = await StoredAsync(writer, [failed, answered]);
        Assert.Multiple(() =>
        {
            Assert.That((stored[0]!.ProviderStatusCode, stored[0]!.ProviderError, stored[0]!.ProviderMessageId), Is.EqualTo(((int?)null, (string?)null, "message-2")));
            Assert.That((stored[1]!.ProviderStatusCode, stored[1]!.ProviderError, stored[1]!.ProviderMessageId), Is.EqualTo(((int?)503, "busy", (string?)null)));
        });
    }

    private PostgreSqlWriteDatabase Writer() => Writer(TimeSpan.FromSeconds(5));

    private static OtpToken Token(string? clientIp, string? verificationId) =>
        OtpToken.Issue(PhoneNumber.FromE164(Phones.ToE164(Phones.NextNational())), [1, 2, 3], Now, TimeSpan.FromMinutes(2), clientIp, verificationId);

    /// <summary>Each token's row as stored, found by the id the token was given, in a round of its own.</summary>
    private static async Task<List<OtpToken?>> StoredAsync(PostgreSqlWriteDatabase writer, IReadOnlyList<OtpToken> tokens)
    {
        var stored = new List<OtpToken?>();
        await writer.RunRoundAsync(async (round, ct) =>
        {
            stored.Clear(); // a round run again starts over
            foreach (var token in tokens)
                stored.Add(await round.FindTokenAsync(token.Id, ct));
        }, CancellationToken.None);
        return stored;
    }
}
