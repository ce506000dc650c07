using System.Collections.Concurrent;
using System.Globalization;
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
/// (403 unknown key, 418 no credit, 411 bad receptor, 424 unknown template, 431 bad token …) and the HTTP status
/// equal to return.status. Knows sms/send, verify/lookup (type sms or call), call/maketts, sms/status and account/info;
/// records every call.
/// </summary>
public sealed class KavenegarStandIn : IAsyncDisposable
{
    public const string ValidKey = "test-api-key-0123456789";
    public const int CostPerSms = 120;

    /// <summary>account/info's expiredate: 2030-01-01T00:00:00Z.</summary>
    public const long AccountExpiry = 1_893_456_000;

    /// <summary>Delivery status of a message nobody set one for: delivered.</summary>
    public const int DefaultDeliveryStatus = 10;

    /// <summary>sms/status for an id this account never sent (unknown, another account's, or too old).</summary>
    public const int UnknownMessageStatus = 100;

    public const string Approved = "تایید شد";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<KavenegarCall> _calls = new();
    private readonly ConcurrentDictionary<string, long> _credit = new();
    private readonly ConcurrentDictionary<string, StandInBehaviour> _receptors = new();
    private readonly ConcurrentDictionary<string, bool> _templates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, KavenegarMessage> _messages = new();
    private readonly ConcurrentDictionary<long, int> _deliveryStatuses = new();

    // Answers given to every call of one account to one method, whatever the form says.
    private readonly ConcurrentDictionary<(string Key, string Method), StandInBehaviour> _methodAnswers = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _nextMessageId = 8_792_343;

    private KavenegarStandIn(WebApplication app) => _app = app;

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<KavenegarCall> Calls => [.. _calls];

    /// <summary>Every message accepted so far, by sms/send, verify/lookup or call/maketts.</summary>
    public IReadOnlyList<KavenegarMessage> Messages => [.. _messages.Values.OrderBy(m => m.MessageId)];

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

    /// <summary>An account: its key is accepted, and each message costs <see cref="CostPerSms"/> of its credit.</summary>
    public void AddAccount(string apiKey, long credit) => _credit[apiKey] = credit;

    /// <summary>The account's credit now, as account/info would report it.</summary>
    public long CreditOf(string apiKey) => _credit[apiKey];

    /// <summary>A template approved in the panel: verify/lookup with any other template answers 424.</summary>
    public void AddTemplate(string name) => _templates[name] = true;

    /// <summary>How a send or lookup to this receptor is answered, instead of Kavenegar's normal rules.</summary>
    public void SetReceptor(string national, StandInBehaviour behaviour) => _receptors[national] = behaviour;

    /// <summary>
    /// Answer every call of this account to this method ("sms/send", "verify/lookup", "account/info", "sms/status")
    /// with this behaviour, e.g. a <see cref="StandInBehaviour.Raw"/> body, instead of Kavenegar's normal rules.
    /// </summary>
    public void SetAnswer(string apiKey, string method, StandInBehaviour behaviour) => _methodAnswers[(apiKey, method)] = behaviour;

    /// <summary>Back to Kavenegar's normal rules for this account and method.</summary>
    public void ClearAnswer(string apiKey, string method) => _methodAnswers.TryRemove((apiKey, method), out _);

    /// <summary>What sms/status reports for a message this stand-in issued (default <see cref="DefaultDeliveryStatus"/>).</summary>
    public void SetDeliveryStatus(long messageId, int status) => _deliveryStatuses[messageId] = status;

    public IReadOnlyList<KavenegarCall> CallsTo(string method, string national) =>
        [.. _calls.Where(c => c.Method == method && c["receptor"] == national)];

    public IReadOnlyList<KavenegarCall> SendsTo(string national) => CallsTo("sms/send", national);

    public IReadOnlyList<KavenegarCall> LookupsTo(string national) => CallsTo("verify/lookup", national);

    /// <summary>Text-to-speech voice calls (call/maketts) to this receptor.</summary>
    public IReadOnlyList<KavenegarCall> VoiceCallsTo(string national) => CallsTo("call/maketts", national);

    /// <summary>Calls of one method made with one API key (account/info, sms/status carry no receptor).</summary>
    public IReadOnlyList<KavenegarCall> CallsWith(string apiKey, string method) =>
        [.. _calls.Where(c => c.ApiKey == apiKey && c.Method == method)];

    public IReadOnlyList<KavenegarMessage> MessagesTo(string national) => [.. Messages.Where(m => m.Receptor == national)];

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

        if (_methodAnswers.TryGetValue((key, call.Method), out var answer))
        {
            if (answer is not StandInBehaviour.Gated gated)
            {
                await MisbehaveAsync(context, answer);
                return;
            }

            await StandInResponses.PassGateAsync(context, gated, _stopping.Token); // then the method's normal answer
        }

        switch (call.Method)
        {
            case "sms/send":
                await SendAsync(context, key, credit, call);
                break;
            case "verify/lookup":
                await LookupAsync(context, key, credit, call);
                break;
            case "call/maketts":
                await MakeTtsAsync(context, key, credit, call);
                break;
            case "sms/status":
                await StatusAsync(context, key, call);
                break;
            case "account/info":
                await Envelope(context, 200, Approved, new { remaincredit = credit, expiredate = AccountExpiry, type = "Master" });
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

        if (await RefusedReceptorAsync(context, receptor) || await RefusedChargeAsync(context, key, credit))
            return;

        await AcceptedAsync(context, key, call, receptor, status: 1, statusText: "در صف ارسال", sender: call["sender"]!, text: call["message"]!);
    }

    // verify/lookup: one receptor, a panel-approved template, and a token without spaces or underscores.
    private async Task LookupAsync(HttpContext context, string key, long credit, KavenegarCall call)
    {
        var receptor = call["receptor"];
        var template = call["template"];
        var token = call["token"];
        if (string.IsNullOrEmpty(receptor) || string.IsNullOrEmpty(template) || string.IsNullOrEmpty(token))
        {
            await Envelope(context, 400, "پارامترها ناقص هستند", null);
            return;
        }

        var type = call["type"] ?? "sms";
        if (type is not ("sms" or "call"))
        {
            await Envelope(context, 400, "پارامترها ناقص هستند", null);
            return;
        }

        if (await RefusedReceptorAsync(context, receptor, voice: type == "call"))
            return;
        if (!_templates.ContainsKey(template))
        {
            await Envelope(context, 424, "الگوی مورد نظر پیدا نشد", null);
            return;
        }

        if (token.Length > 100 || token.Any(c => char.IsWhiteSpace(c) || c is '_' or ','))
        {
            await Envelope(context, 431, "ساختار کد صحیح نمی باشد", null);
            return;
        }

        if (await RefusedChargeAsync(context, key, credit))
            return;

        await AcceptedAsync(context, key, call, receptor, status: 5, statusText: "ارسال به مخابرات", sender: "10008000", text: token);
    }

    // call/maketts: one receptor and the text to speak; answered like sms/send, from Kavenegar's voice line.
    private async Task MakeTtsAsync(HttpContext context, string key, long credit, KavenegarCall call)
    {
        var receptor = call["receptor"];
        if (string.IsNullOrEmpty(receptor) || string.IsNullOrEmpty(call["message"]))
        {
            await Envelope(context, 400, "پارامترها ناقص هستند", null);
            return;
        }

        if (await RefusedReceptorAsync(context, receptor, voice: true) || await RefusedChargeAsync(context, key, credit))
            return;

        await AcceptedAsync(context, key, call, receptor, status: 1, statusText: "در صف ارسال", sender: "2000", text: call["message"]!);
    }

    // sms/status: an entry per id; ids this account never sent come back with status 100.
    private async Task StatusAsync(HttpContext context, string key, KavenegarCall call)
    {
        var ids = (call["messageid"] ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (ids.Length == 0)
        {
            await Envelope(context, 400, "پارامترها ناقص هستند", null);
            return;
        }

        if (ids.Length > 500)
        {
            await Envelope(context, 414, "تعداد رکوردها بیش از حد مجاز است", null);
            return;
        }

        var entries = ids.Select(raw =>
        {
            var known = long.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && _messages.TryGetValue(id, out var message) && message.ApiKey == key;
            var status = known ? _deliveryStatuses.GetValueOrDefault(id, DefaultDeliveryStatus) : UnknownMessageStatus;
            return new Dictionary<string, object>
            {
                ["messageid"] = known ? id : raw,
                ["status"] = status,
                ["statustext"] = status switch
                {
                    10 => "رسیده به گیرنده",
                    11 => "نرسیده به گیرنده",
                    100 => "شناسه پیامک نامعتبر است",
                    _ => "وضعیت " + status.ToString(CultureInfo.InvariantCulture),
                },
            };
        }).ToArray();
        await Envelope(context, 200, Approved, entries);
    }

    private async Task<bool> RefusedReceptorAsync(HttpContext context, string receptor, bool voice = false)
    {
        if (_receptors.TryGetValue(receptor, out var behaviour) && (voice || behaviour is not StandInBehaviour.NoVoiceCalls))
        {
            if (behaviour is not StandInBehaviour.Gated gated)
            {
                await MisbehaveAsync(context, behaviour);
                return true;
            }

            await StandInResponses.PassGateAsync(context, gated, _stopping.Token); // then Kavenegar's normal rules
        }

        if (receptor.Length != 11 || !receptor.StartsWith("09", StringComparison.Ordinal) || !receptor.All(char.IsAsciiDigit))
        {
            await Envelope(context, 411, "گیرنده نامعتبر است", null);
            return true;
        }

        return false;
    }

    private async Task<bool> RefusedChargeAsync(HttpContext context, string key, long credit)
    {
        // Concurrent sends race for the same balance: re-read and try again until the charge lands or the credit is gone.
        while (credit >= CostPerSms)
        {
            if (_credit.TryUpdate(key, credit - CostPerSms, credit))
                return false;
            credit = _credit[key];
        }

        await Envelope(context, 418, "اعتبار حساب شما کافی نیست", null);
        return true;
    }

    private async Task AcceptedAsync(HttpContext context, string key, KavenegarCall call, string receptor, int status, string statusText, string sender, string text)
    {
        var id = Interlocked.Increment(ref _nextMessageId);
        _messages[id] = new KavenegarMessage(id, key, call.Method, receptor);
        await Envelope(context, 200, Approved, new[]
        {
            new
            {
                messageid = id, message = text, status, statustext = statusText,
                sender, receptor, date = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), cost = CostPerSms,
            },
        });
    }

    private async Task MisbehaveAsync(HttpContext context, StandInBehaviour behaviour)
    {
        if (await StandInResponses.TryMisbehaveAsync(context, behaviour, _stopping.Token))
            return;
        switch (behaviour)
        {
            case StandInBehaviour.NoVoiceCalls:
                await Envelope(context, 428, "امکان ارسال کد از طریق تماس تلفنی وجود ندارد", null);
                break;
            case StandInBehaviour.Status s:
                await Envelope(context, s.Code, "خطا", null);
                break;
            case StandInBehaviour.MalformedJson:
                context.Response.ContentType = "application/json; charset=utf-8";
                await context.Response.WriteAsync("""{"return":{"status":200,"message":"تایید شد"},"entries":[{"messageid":87""");
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
