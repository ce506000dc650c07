using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Pilito.Web.Tests.Support;

/// <summary>
/// An app's backend receiving Pilito's webhooks on 127.0.0.1, as a receiver should: every request's signature is
/// checked with the StandardWebhooks library against the shared secret, and only verified ones count as received.
/// Answers 204 unless told otherwise (<see cref="AnswerNext"/>, <see cref="HoldAll"/>).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>A Standard Webhooks secret: whsec_ and 32 bytes in base64.</summary>
    public static readonly string Secret = "whsec_" + Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentQueue<string> _refused = new();
    private readonly ConcurrentQueue<HttpStatusCode> _answers = new();
    private readonly CancellationTokenSource _stopping = new();
    private StandInGate? _gate;

    private WebhookReceiver(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Every request whose signature verified, in arrival order (retries included).</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>Why each request that did not verify was refused.</summary>
    public IReadOnlyList<string> Refused => [.. _refused];

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/pilito", receiver.HandleAsync);
        await app.StartAsync();
        receiver.Url = new Uri(app.Urls.Single().TrimEnd('/') + "/hooks/pilito");
        return receiver;
    }

    /// <summary>The next requests (after verification) are answered with these statuses, in order.</summary>
    public void AnswerNext(params HttpStatusCode[] statuses)
    {
        foreach (var status in statuses)
            _answers.Enqueue(status);
    }

    /// <summary>Holds every request until the gate opens.</summary>
    public StandInGate HoldAll() => _gate = new StandInGate();

    public IReadOnlyList<ReceivedWebhook> OfType(string type) => [.. _received.Where(r => r.Type == type)];

    /// <summary>Waits until a verified webhook matching <paramref name="match"/> has arrived; returns the first.</summary>
    public async Task<ReceivedWebhook> WaitForAsync(Func<ReceivedWebhook, bool> match, string awaited, TimeSpan? limit = null)
    {
        await Eventually.HoldsAsync(() => Task.FromResult(_received.Any(match)), limit ?? TimeSpan.FromSeconds(30),
            () => $"{awaited}; received: {string.Join(", ", _received.Select(r => r.Type))}; refused: {string.Join(", ", _refused)}");
        return _received.First(match);
    }

    public async ValueTask DisposeAsync()
    {
        _gate?.Open();
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        if (_gate is { } gate)
            await gate.PassAsync(_stopping.Token);
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        try
        {
            new StandardWebhook(Secret).Verify(body, context.Request.Headers);
        }
        catch (WebhookVerificationException e)
        {
            _refused.Enqueue(e.Message);
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        using var payload = JsonDocument.Parse(body);
        _received.Enqueue(new ReceivedWebhook(
            context.Request.Headers["webhook-id"].ToString(),
            payload.RootElement.GetProperty("type").GetString()!,
            payload.RootElement.GetProperty("data").Clone(),
            payload.RootElement.Clone(),
            body));
        context.Response.StatusCode = (int)(_answers.TryDequeue(out var status) ? status : HttpStatusCode.NoContent);
    }
}

/// <summary>One verified request: its webhook-id, the payload's type and data, the whole payload and the raw body.</summary>
public sealed record ReceivedWebhook(string Id, string Type, JsonElement Data, JsonElement Payload, string Body);
