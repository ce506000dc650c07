using System.ComponentModel.DataAnnotations;

namespace Pilito.Application.Common.Options;

/// <summary>Where events are delivered (section Webhooks; docs/webhooks.md). No endpoint: nothing is stored or sent.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    public List<WebhookEndpointOptions> Endpoints { get; set; } = [];

    /// <summary>How long one attempt waits for the endpoint's answer; a slower one counts as failed and is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often each instance looks for messages due; an event waits at most about this long for its first attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Delivered and given-up messages older than this are deleted by the retention purge; waiting ones never are.</summary>
    [Range(typeof(TimeSpan), "1.00:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);

    public bool Enabled => Endpoints.Count > 0;
}
