using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pilito.Web.Tests.Support;

/// <summary>
/// A stand-in for sms.ir's REST API v1 on 127.0.0.1, speaking its wire format: JSON with the key in X-API-KEY, every
/// answer the envelope {"status", "message", "data"} with sms.ir's codes (10 unknown key with HTTP 401, 102 no credit,
/// 104 bad mobile, 113 unknown template, 114 parameter over 25 characters, 116 parameter missing …, HTTP 400). Knows
/// send/verify, credit and send/{messageId} (the delivery report); records every call.
/// </summary>
public sealed partial class SmsIrStandIn : IAsyncDisposable
{
    public const string ValidKey = "smsir-test-key-0123456789";

    /// <summary>The sandbox's template: "کد تایید شما: #CODE#" with one parameter, Code.</summary>
    public const int Template = 123456;

    public const decimal CostPerSms = 1.0m;

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<SmsIrCall> _calls = new();
    private readonly ConcurrentDictionary<string, decimal> _credit = new();
    private readonly ConcurrentDictionary<int, string[]> _templates = new();
    private readonly ConcurrentDictionary<string, StandInBehaviour> _mobiles = new();
    private readonly ConcurrentDictionary<string, StandInBehaviour> _pathAnswers = new();
    private readonly ConcurrentDictionary<long, (string Key, string Mobile)> _messages = new();
    private readonly ConcurrentDictionary<long, int?> _deliveryStates = new();
    private readonly CancellationTokenSource _stopping = new();
    private long _nextMessageId = 89_545_112;

    private SmsIrStandIn(WebApplication app) => _app = app;

    /// <summary>The API's base, as SmsIr:BaseUrl takes it (ends in /v1/).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<SmsIrCall> Calls => [.. _calls];

    /// <summary>Ids of the messages accepted for this mobile (national form), oldest first.</summary>
    public IReadOnlyList<long> MessagesTo(string national) =>
        [.. _messages.Where(m => Normal(m.Value.Mobile) == Normal(national)).Select(m => m.Key).Order()];

    /// <summary>What GET send/{id} reports as deliveryState (default 1, delivered; null: no report yet).</summary>
    public void SetDeliveryState(long messageId, int? state) => _deliveryStates[messageId] = state;

    /// <summary>send/verify calls to this mobile, as sent (any form the API takes).</summary>
    public IReadOnlyList<SmsIrCall> VerifiesTo(string national) =>
        [.. _calls.Where(c => c.Path == "send/verify" && c.Mobile is { } m && Normal(m) == Normal(national))];

    public static async Task<SmsIrStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new SmsIrStandIn(app);
        standIn.AddAccount(ValidKey, credit: 1_000m);
        standIn.AddTemplate(Template, "Code");
        app.Map("/v1/{**path}", standIn.HandleAsync);
        await app.StartAsync();
        standIn.BaseUrl = new Uri(app.Urls.Single().TrimEnd('/') + "/v1/");
        return standIn;
    }

    public void AddAccount(string apiKey, decimal credit) => _credit[apiKey] = credit;

    /// <summary>A template approved in the panel, with the names of its parameters (each must be given).</summary>
    public void AddTemplate(int id, params string[] parameters) => _templates[id] = parameters;

    /// <summary>How a send to this mobile (national form) is answered, instead of sms.ir's normal rules.</summary>
    public void SetMobile(string national, StandInBehaviour behaviour) => _mobiles[Normal(national)] = behaviour;

    /// <summary>Answer every call to this path ("send/verify", "credit") with this behaviour.</summary>
    public void SetAnswer(string path, StandInBehaviour behaviour) => _pathAnswers[path] = behaviour;

    /// <summary>Back to sms.ir's normal rules for this path.</summary>
    public void ClearAnswer(string path) => _pathAnswers.TryRemove(path, out _);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context, string path)
    {
        var key = context.Request.Headers["X-API-KEY"].ToString();
        JsonElement? body = null;
        if (HttpMethods.IsPost(context.Request.Method))
        {
            try
            {
                body = (await JsonDocument.ParseAsync(context.Request.Body)).RootElement.Clone();
            }
            catch (JsonException)
            {
                body = null;
            }
        }

        var call = new SmsIrCall(key, path, body);
        _calls.Enqueue(call);
        if (!_credit.TryGetValue(key, out _))
        {
            await Envelope(context, 10, "کلید وب سرویس نامعتبر است");
            return;
        }

        if (_pathAnswers.TryGetValue(path, out var answer) && await MisbehaveAsync(context, answer))
            return;

        switch (path)
        {
            case "send/verify" when HttpMethods.IsPost(context.Request.Method):
                await VerifyAsync(context, key, call);
                break;
            case "credit" when HttpMethods.IsGet(context.Request.Method):
                await Envelope(context, 1, "موفق", _credit[key]);
                break;
            case var report when report.StartsWith("send/", StringComparison.Ordinal) && HttpMethods.IsGet(context.Request.Method):
                await ReportAsync(context, key, report["send/".Length..]);
                break;
            default:
                context.Response.StatusCode = 404;
                break;
        }
    }

    private async Task VerifyAsync(HttpContext context, string key, SmsIrCall call)
    {
        if (call.Mobile is not { } mobile || call.TemplateId is not { } templateId)
        {
            await Envelope(context, 16, "مقدار ارسال شده پارامتر نامعتبر است");
            return;
        }

        if (_mobiles.TryGetValue(Normal(mobile), out var behaviour) && await MisbehaveAsync(context, behaviour))
            return;
        if (!MobilePattern().IsMatch(mobile))
        {
            await Envelope(context, 104, "شماره موبایل نامعتبر است");
            return;
        }

        if (!_templates.TryGetValue((int)templateId, out var needed))
        {
            await Envelope(context, 113, "قالب یافت نشد");
            return;
        }

        var given = call.Parameters;
        if (needed.Any(n => !given.ContainsKey(n)))
        {
            await Envelope(context, 116, "نام پارامتر تنظیم نشده است");
            return;
        }

        if (given.Values.Any(v => v is null || v.Length > 25))
        {
            await Envelope(context, 114, "طول مقدار پارامتر بیش از حد مجاز است");
            return;
        }

        if (!TryCharge(key))
        {
            await Envelope(context, 102, "اعتبار کافی نیست");
            return;
        }

        var id = Interlocked.Increment(ref _nextMessageId);
        _messages[id] = (key, mobile);
        await Envelope(context, 1, "موفق", new { messageId = id, cost = CostPerSms });
    }

    // GET send/{messageId}: the report of a message this account sent; 111 for any other id.
    private async Task ReportAsync(HttpContext context, string key, string rawId)
    {
        if (!long.TryParse(rawId, out var id) || !_messages.TryGetValue(id, out var message) || message.Key != key)
        {
            await Envelope(context, 111, "ارسالی با این شناسه ثبت نشده است");
            return;
        }

        var state = _deliveryStates.GetValueOrDefault(id, 1);
        await Envelope(context, 1, "موفق", new
        {
            messageId = id, mobile = long.Parse(Normal(message.Mobile), System.Globalization.CultureInfo.InvariantCulture), messageText = "کد تایید شما",
            sendDateTime = DateTimeOffset.UtcNow.ToUnixTimeSeconds(), lineNumber = 30004505000017, cost = CostPerSms,
            deliveryState = state, deliveryDateTime = state is null ? (long?)null : DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        });
    }

    private bool TryCharge(string key)
    {
        // Concurrent sends race for the same balance: re-read and try again until the charge lands or the credit is gone.
        var credit = _credit[key];
        while (credit >= CostPerSms)
        {
            if (_credit.TryUpdate(key, credit - CostPerSms, credit))
                return true;
            credit = _credit[key];
        }

        return false;
    }

    private async Task<bool> MisbehaveAsync(HttpContext context, StandInBehaviour behaviour)
    {
        if (behaviour is StandInBehaviour.Gated gated)
        {
            await StandInResponses.PassGateAsync(context, gated, _stopping.Token);
            return false; // then sms.ir's normal rules
        }

        if (behaviour is StandInBehaviour.Status status)
        {
            await Envelope(context, status.Code, "خطا");
            return true;
        }

        return await StandInResponses.TryMisbehaveAsync(context, behaviour, _stopping.Token);
    }

    /// <summary>The envelope, with the HTTP status sms.ir pairs with the code: 200 for 1, 401 for key and account codes, 429 for 20, 500 for 0, else 400.</summary>
    private static async Task Envelope(HttpContext context, int status, string message, object? data = null)
    {
        context.Response.StatusCode = status switch
        {
            1 => 200,
            >= 10 and <= 14 => 401,
            20 => 429,
            0 => 500,
            _ => 400,
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["status"] = status,
            ["message"] = message,
            ["data"] = data,
        }));
    }

    private static string Normal(string mobile) => mobile.Length >= 10 ? mobile[^10..] : mobile;

    [GeneratedRegex(@"^(0|\+98|0098|98)?9\d{9}$")]
    private static partial Regex MobilePattern();
}
