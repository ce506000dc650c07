using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pilito.Web.Tests.Support;

/// <summary>
/// A stand-in for Kavenegar's REST API on 127.0.0.1, speaking its wire format: POST form to
/// /v1/{key}/{scope}/{method}.json, answer {"return": {"status", "message"}, "entries": …} with the real codes
/// (403 unknown key, 418 no credit, 411 bad receptor …). Records every call.
/// </summary>
public sealed class KavenegarStandIn : IAsyncDisposable
{
    public const string ValidKey = "test-api-key-0123456789";
    public const int CostPerSms = 120;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<KavenegarCall> _calls = new();
    private readonly ConcurrentDictionary<string, long> _credit = new();
    private readonly ConcurrentDictionary<string, StandInBehaviour> _receptors = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _nextMessageId = 8_792_343;

    private KavenegarStandIn(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<KavenegarCall> Calls => [.. _calls];

    /// <summary>Runs while a call is handled, before the answer: lets a test look at the world at that moment.</summary>
    public Func<KavenegarCall, Task>? OnCall { get; set; }

    public static async Task<KavenegarStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new KavenegarStandIn(app);
        standIn.AddAccount(ValidKey, credit: 1_000_000);
        app.Map("/v1/{key}/{scope}/{method}", standIn.HandleAsync);
        await app.StartAsync();
        standIn.BaseUrl = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        return standIn;
    }

    public void AddAccount(string apiKey, long credit) => _credit[apiKey] = credit;

    public void SetReceptor(string national, StandInBehaviour behaviour) => _receptors[national] = behaviour;

    public IReadOnlyList<KavenegarCall> SendsTo(string national) =>
        [.. _calls.Where(c => c.Method == "sms/send" && c["receptor"] == national)];

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context, string key, string scope, string method)
    {
        var form = context.Request.HasFormContentType
            ? (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString())
            : context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString());
        var call = new KavenegarCall(key, $"{scope}/{method.Replace(".json", string.Empty, StringComparison.Ordinal)}", form);
        _calls.Enqueue(call);
        if (OnCall is { } onCall)
            await onCall(call);

        if (!_credit.TryGetValue(key, out var credit))
        {
            await Envelope(context, 403, "کلید API نامعتبر است", null);
            return;
        }

        switch (call.Method)
        {
            case "sms/send":
                await SendAsync(context, key, credit, call);
                break;
            case "account/info":
                await Envelope(context, 200, "تایید شد", new { remaincredit = credit, expiredate = 1_893_456_000, type = "Master" });
                break;
            default:
                await Envelope(context, 404, "متد نامعتبر", null);
                break;
        }
    }

    private async Task SendAsync(HttpContext context, string key, long credit, KavenegarCall call)
    {
        var receptor = call["receptor"];
        if (string.IsNullOrEmpty(receptor) || string.IsNullOrEmpty(call["message"]) || string.IsNullOrEmpty(call["sender"]))
        {
            await Envelope(context, 400, "پارامترها ناقص هستند", null);
            return;
        }

        if (_receptors.TryGetValue(receptor, out var behaviour))
        {
            await MisbehaveAsync(context, behaviour);
            return;
        }

        if (receptor.Length != 11 || !receptor.StartsWith("09", StringComparison.Ordinal) || !receptor.All(char.IsAsciiDigit))
        {
            await Envelope(context, 411, "گیرنده نامعتبر است", null);
            return;
        }

        if (credit < CostPerSms || !_credit.TryUpdate(key, credit - CostPerSms, credit))
        {
            await Envelope(context, 418, "اعتبار حساب شما کافی نیست", null);
            return;
        }

        var id = Interlocked.Increment(ref _nextMessageId);
        await Envelope(context, 200, "تایید شد", new[]
        {
            new
            {
                messageid = id, message = call["message"], status = 1, statustext = "در صف ارسال",
                sender = call["sender"], receptor, date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), cost = CostPerSms,
            },
        });
    }

    private async Task MisbehaveAsync(HttpContext context, StandInBehaviour behaviour)
    {
        switch (behaviour)
        {
            case StandInBehaviour.Status s:
                await Envelope(context, s.Code, "خطا", null);
                break;
            case StandInBehaviour.Html500:
                context.Response.StatusCode = 500;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body><h1>500 Internal Server Error</h1></body></html>");
                break;
            case StandInBehaviour.WrongShape:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"result":"ok","entries":[]}""");
                break;
            case StandInBehaviour.Hang:
                using (var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token))
                {
                    try
                    {
                        await Task.Delay(Timeout.Infinite, both.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        // the caller gave up, or the stand-in is stopping
                    }
                }

                break;
        }
    }

    private static async Task Envelope(HttpContext context, int status, string message, object? entries)
    {
        context.Response.StatusCode = status is >= 200 and < 600 ? status : 200;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["return"] = new { status, message },
            ["entries"] = entries,
        }));
    }
}
