using System.Runtime.CompilerServices;
using Pilito.Domain.Webhooks;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Rows;

/// <summary>
/// The WebhookMessages columns on the writer's own paths (SQLite, PostgreSQL), as EF Core stores them. The writer only inserts messages;
/// the senders and staff read and change them through EF Core (WebhookOutbox).
/// </summary>
internal static class WebhookMessageColumns
{
    public static ColumnMap<WebhookMessage> Map { get; } = ColumnMap<WebhookMessage>.For("WebhookMessages",
        ("MessageId", m => m.MessageId),
        ("EventType", m => m.EventType),
        ("Payload", m => m.Payload),
        ("EndpointUrl", m => m.EndpointUrl),
        ("CreatedAt", m => StoredValues.Stored(m.CreatedAt)),
        ("Status", m => m.Status.ToString()),
        ("Attempts", m => m.Attempts),
        ("NextAttemptAt", m => StoredValues.Stored(m.NextAttemptAt)),
        ("GiveUpAt", m => StoredValues.Stored(m.GiveUpAt)),
        ("LastAttemptAt", m => StoredValues.Stored(m.LastAttemptAt)),
        ("LastResponseStatus", m => m.LastResponseStatus),
        ("LastError", m => m.LastError),
        ("DeliveredAt", m => StoredValues.Stored(m.DeliveredAt)),
        ("ClaimId", m => m.ClaimId));

    /// <summary>Gives a new message the identity the database gave its row, as EF Core does (the setter is private).</summary>
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Id")]
    public static extern void SetId(WebhookMessage message, long id);
}
