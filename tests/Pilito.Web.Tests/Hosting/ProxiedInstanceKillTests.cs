using System.Collections.Concurrent;
using System.Net;
using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Hosting;

/// <summary>
/// One of two instances behind nginx dies mid-load (SIGKILL: a crash, the OOM killer). Nothing it answered is lost,
/// and the proxy sends everything after to the other instance (<see cref="ProxiedInstances"/>).
/// </summary>
public sealed class ProxiedInstanceKillTests : ProxiedInstances
{
    [Test]
    public async Task An_instance_killed_under_load_loses_no_answered_code_and_the_other_keeps_serving()
    {
        var phones = Enumerable.Range(0, 240).Select(_ => Phones.NextNational()).ToList();
        var answered = new ConcurrentBag<string>();
        var afterKill = new ConcurrentBag<(string Phone, HttpStatusCode? Status)>();
        var enoughAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var killed = 0;
        using var slots = new SemaphoreSlim(16);

        var load = phones.Select(async phone =>
        {
            await slots.WaitAsync();
            var startedAfterKill = Volatile.Read(ref killed) == 1;
            try
            {
                using var response = await Client.RequestOtpAsync(phone);
                if (response.StatusCode == HttpStatusCode.OK)
                    answered.Add(phone);
                if (startedAfterKill)
                    afterKill.Add((phone, response.StatusCode));
                if (answered.Count >= 60)
                    enoughAnswered.TrySetResult();
            }
            catch (HttpRequestException)
            {
                if (startedAfterKill)
                    afterKill.Add((phone, null));
            }
            finally
            {
                slots.Release();
            }
        }).ToList();
        await enoughAnswered.Task.WaitAsync(PilitoServer.Limit);
        await Instances[1].KillAsync();
        Volatile.Write(ref killed, 1);
        await Task.WhenAll(load);

        var statuses = await DatabaseFile.NewestStatusesAsync(TestProvider.PostgreSql, Database);
        var lost = answered.Where(p => statuses.GetValueOrDefault(Phones.ToE164(p)) != "Sent").ToList();
        Assert.That(lost, Is.Empty, $"answered 200 but not saved as sent ({answered.Count} answered)");
        Assert.That(afterKill, Is.Not.Empty, "requests went on after the kill");
        Assert.That(afterKill.Where(a => a.Status != HttpStatusCode.OK), Is.Empty,
            $"every request sent after the kill was served by the other instance:\n{Proxy.ErrorLog}");
        var doubled = phones.Where(p => Kavenegar.SendsTo(p).Count > 1).ToList();
        Assert.That(doubled, Is.Empty, "a request in flight at the kill was not sent again to the other instance: one request, at most one SMS");
        using var ready = await Instances[0].CreateClient().GetAsync(new Uri("health/live", UriKind.Relative));
        Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the survivor is still up");
    }
}
