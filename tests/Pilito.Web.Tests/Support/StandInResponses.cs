using System.Text;
using Microsoft.AspNetCore.Http;

namespace Pilito.Web.Tests.Support;

/// <summary>The misbehaviours every provider stand-in can show, whatever the provider's wire format.</summary>
internal static class StandInResponses
{
    /// <summary>Writes the answer of a behaviour that is not the provider's own; false for one the stand-in must answer itself.</summary>
    public static async Task<bool> TryMisbehaveAsync(HttpContext context, StandInBehaviour behaviour, CancellationToken stopping)
    {
        switch (behaviour)
        {
            case StandInBehaviour.Html500:
                context.Response.StatusCode = 500;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body><h1>500 Internal Server Error</h1></body></html>", CancellationToken.None);
                return true;
            case StandInBehaviour.WrongShape:
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("""{"result":"ok","entries":[]}""", CancellationToken.None);
                return true;
            case StandInBehaviour.Raw raw:
                context.Response.StatusCode = raw.HttpStatus;
                if (raw.ContentType is not null)
                    context.Response.ContentType = raw.ContentType;
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(raw.Body), CancellationToken.None);
                return true;
            case StandInBehaviour.Hang:
                using (var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping))
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

                return true;
            default:
                return false;
        }
    }

    /// <summary>Holds the call at a <see cref="StandInBehaviour.Gated"/> gate until the test opens it.</summary>
    public static async Task PassGateAsync(HttpContext context, StandInBehaviour.Gated gated, CancellationToken stopping)
    {
        using var both = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        await gated.Gate.PassAsync(both.Token);
    }
}
