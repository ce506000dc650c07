namespace Pilito.Domain.Webhooks;

/// <summary>
/// One event for one endpoint, stored in the outbox with the change it reports and delivered from there: the payload is
/// fixed when the event happens, and every attempt sends it with the same <see cref="MessageId"/> (Standard Webhooks'
/// <c>webhook-id</c>), so a receiver that saw it before can tell.
/// </summary>
public sealed class WebhookMessage
{
    /// <summary>Longer answers from an endpoint are cut: the error is for staff to read, not a log of the body.</summary>
    public const int MaxErrorLength = 300;

    private WebhookMessage()
    {
        MessageId = null!;
        EventType = null!;
        Payload = null!;
        EndpointUrl = null!;
    }

    public long Id { get; private set; }

    /// <summary>The message's id, the same for each endpoint of one event and for every attempt.</summary>
    public string MessageId { get; private set; }

    public string EventType { get; private set; }

    /// <summary>The JSON body, exactly as signed and sent.</summary>
    public string Payload { get; private set; }

    public string EndpointUrl { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public WebhookStatus Status { get; private set; }

    public int Attempts { get; private set; }

    /// <summary>When a sender may take it next; while one holds it, when that hold runs out.</summary>
    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>No attempt is scheduled after this.</summary>
    public DateTimeOffset GiveUpAt { get; private set; }

    public DateTimeOffset? LastAttemptAt { get; private set; }

    /// <summary>The HTTP status of the last answer; null when there was none (timeout, refused connection).</summary>
    public int? LastResponseStatus { get; private set; }

    public string? LastError { get; private set; }

    public DateTimeOffset? DeliveredAt { get; private set; }

    /// <summary>The sender run holding it for an attempt (see <see cref="NextAttemptAt"/>); null when none has.</summary>
    public Guid? ClaimId { get; private set; }

    public static WebhookMessage Create(string messageId, string eventType, string payload, string endpointUrl, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(messageId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventType);
        ArgumentException.ThrowIfNullOrWhiteSpace(payload);
        ArgumentException.ThrowIfNullOrWhiteSpace(endpointUrl);
        return new WebhookMessage
        {
            MessageId = messageId,
            EventType = eventType,
            Payload = payload,
            EndpointUrl = endpointUrl,
            CreatedAt = at,
            Status = WebhookStatus.Pending,
            NextAttemptAt = at,
            GiveUpAt = at + WebhookRetrySchedule.DeliveryWindow,
        };
    }

    /// <summary>The endpoint answered 2xx: delivered, never sent again unless staff asks.</summary>
    public void RecordDelivered(int responseStatus, DateTimeOffset at)
    {
        Attempts++;
        LastAttemptAt = at;
        LastResponseStatus = responseStatus;
        LastError = null;
        DeliveredAt = at;
        Status = WebhookStatus.Delivered;
    }

    /// <summary>
    /// The attempt failed (another status, no answer in time, no connection): the next one is scheduled by
    /// <see cref="WebhookRetrySchedule"/>, or the message fails for good when that would be after <see cref="GiveUpAt"/>.
    /// </summary>
    public void RecordFailure(int? responseStatus, string error, DateTimeOffset at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        Attempts++;
        LastAttemptAt = at;
        LastResponseStatus = responseStatus;
        LastError = error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
        var next = at + WebhookRetrySchedule.DelayAfter(Attempts);
        if (next > GiveUpAt)
        {
            Status = WebhookStatus.Failed;
            return;
        }

        NextAttemptAt = next;
    }

    /// <summary>
    /// Staff sends it once more, now, with the same id (a delivered one too: the receiver may have lost it). A failure
    /// of that attempt is final again. False while it is still pending: it is sent anyway.
    /// </summary>
    public bool Retry(DateTimeOffset at)
    {
        if (Status == WebhookStatus.Pending)
            return false;
        Status = WebhookStatus.Pending;
        NextAttemptAt = at;
        GiveUpAt = at;
        return true;
    }
}
