using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Pilito.Application.Admin.Common;
using Pilito.Application.Admin.ListOtpTokens;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Admin;

/// <summary>Keyset paging of the token list on a real database: every row once, in order, both ways.</summary>
public sealed class OtpTokenPagingTests : StandInFixture
{
    private const int Tokens = 7;

    protected override PilitoApp CreateApp(KavenegarStandIn kavenegar) => new(kavenegar: null);

    [OneTimeSetUp]
    public async Task SendCodesAsync()
    {
        for (var i = 0; i < Tokens; i++)
            await Client.RequestCodeAsync(Phones.NextNational());
    }

    [TestCase(OtpTokenSort.Created, false)]
    [TestCase(OtpTokenSort.Created, true)]
    [TestCase(OtpTokenSort.Expires, false)]
    [TestCase(OtpTokenSort.Attempts, true)]
    public async Task Next_pages_hold_every_token_once_and_previous_pages_come_back(OtpTokenSort sort, bool ascending)
    {
        var first = await ListAsync(new ListOtpTokensQuery(Sort: sort, Ascending: ascending, PageSize: 3));
        var second = await ListAsync(new ListOtpTokensQuery(Sort: sort, Ascending: ascending, After: first.Next, PageSize: 3));
        var third = await ListAsync(new ListOtpTokensQuery(Sort: sort, Ascending: ascending, After: second.Next, PageSize: 3));
        var back = await ListAsync(new ListOtpTokensQuery(Sort: sort, Ascending: ascending, Before: third.Previous, PageSize: 3));
        var all = await ListAsync(new ListOtpTokensQuery(Sort: sort, Ascending: ascending, PageSize: 50));

        using (Assert.EnterMultipleScope())
        {
            Assert.That(first.Items.Concat(second.Items).Concat(third.Items).Select(t => t.Id), Is.EqualTo(all.Items.Select(t => t.Id)));
            Assert.That(all.Items, Has.Count.EqualTo(Tokens));
            Assert.That(first.Previous, Is.Null);
            Assert.That(third.Next, Is.Null);
            Assert.That(back.Items.Select(t => t.Id), Is.EqualTo(second.Items.Select(t => t.Id)));
        }
    }

    [Test]
    public async Task Newest_token_comes_first_by_default()
    {
        var page = await ListAsync(new ListOtpTokensQuery());

        Assert.That(page.Items.Select(t => t.CreatedAt), Is.Ordered.Descending);
    }

    private async Task<Page<OtpTokenRow>> ListAsync(ListOtpTokensQuery query)
    {
        await using var scope = App.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(query);
    }
}
