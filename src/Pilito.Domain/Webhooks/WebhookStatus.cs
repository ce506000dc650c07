namespace Pilito.Domain.Webhooks;

public enum WebhookStatus
{
    /// <summary>Waiting for its next attempt (its first included).</summary>
    Pending,

    /// <summary>The endpoint answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt of its delivery window failed; only staff's retry sends it again.</summary>
    Failed,
}
