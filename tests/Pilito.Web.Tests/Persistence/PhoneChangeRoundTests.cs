using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Common.Ports;
using Pilito.Application.Common.Writes;
using Pilito.Domain.Phones;
using Pilito.Infrastructure.Persistence.GroupCommit;
using Pilito.Infrastructure.Persistence.GroupCommit.Ef;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Persistence;

/// <summary>
/// A phone change inside a round whose accounts were already read (EF's read-ahead reads every phone of the round
/// at once): a later write of the same round must see the old number free and the account under the new one, on
/// both implementations of the round.
/// </summary>
[TestFixture("Sqlite")]
[TestFixture("Ef")]
public sealed class PhoneChangeRoundTests(string implementation)
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 30, 20, TimeSpan.Zero);

    [Test]
    public async Task A_later_write_of_the_round_finds_the_old_number_free_and_the_account_under_the_new_one()
    {
        var commits = new HeldCommits();
        await using var app = new PilitoApp(null)
        {
            TestServices = services =>
            {
                if (implementation == "Ef")
                    services.AddSingleton<IWriteDatabase, EfWriteDatabase>();
                commits.Install(services);
            },
        };
        var writer = app.Services.GetRequiredService<IOtpWriter>();
        var (oldPhone, newPhone, bystander) = (NextPhone(), NextPhone(), NextPhone());
        var account = await writer.RunAsync(null, (tx, _) => Task.FromResult(tx.AddAccount(oldPhone, Now)), CancellationToken.None);
        using var meters = new WriterMeters(app);

        commits.Hold();
        var held = writer.RunAsync(null, (_, _) => Task.FromResult(0), CancellationToken.None);
        await commits.Staged;
        // Queued behind the held round, so that the next round takes all three, in this order.
        var first = writer.RunAsync(bystander, (tx, ct) => tx.FindAccountAsync(bystander, Now, ct), CancellationToken.None); // reads the round's accounts
        var move = writer.RunAsync<UserAccount?>(newPhone, async (tx, ct) =>
            (await tx.FindAccountAsync(newPhone, Now, ct)) is null ? tx.ChangeAccountPhone((await tx.FindAccountAsync(account.Id, Now, ct))!, newPhone, Now) : null,
            CancellationToken.None);
        var underOld = writer.RunAsync(oldPhone, (tx, ct) => tx.FindAccountAsync(oldPhone, Now, ct), CancellationToken.None);
        await Eventually.HoldsAsync(() => Task.FromResult(meters.WritesWaiting() == 4), TimeSpan.FromSeconds(10),
            () => $"every write waiting (saw {meters.WritesWaiting()})");
        commits.Release();
        await Task.WhenAll(held, first, move, underOld);

        Assert.That(await first, Is.Null);
        Assert.That(await move, Is.EqualTo(account with { PhoneNumber = newPhone.E164 }));
        Assert.That(await underOld, Is.Null, "the old number is free from the move on, in its own round too");
        var underNew = await writer.RunAsync(null, (tx, ct) => tx.FindAccountAsync(newPhone, Now, ct), CancellationToken.None);
        Assert.That(underNew?.Id, Is.EqualTo(account.Id));
    }

    private static PhoneNumber NextPhone() => PhoneNumber.Parse(Phones.NextNational());
}
