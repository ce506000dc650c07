using System.Runtime.CompilerServices;
using Pilito.Domain.Webhooks;
using static Pilito.Infrastructure.Persistence.GroupCommit.Rows.ColumnMap<Pilito.Domain.Webhooks.WebhookMessage>;

namespace Pilito.Infrastructure.Persistence.GroupCommit.Rows;

/// <summary>
/// The WebhookMessages columns on the writer's own paths (SQLite, PostgreSQL), as EF Core stores them. The writer only inserts messages;
/// the senders and staff read and change them through EF Core (WebhookOutbox).
/// </summary>
internal static class WebhookMessageColumns
{
    public static ColumnMap<WebhookMessage> Map { get; } = ColumnMap<WebhookMessage>.For("WebhookMessages",
        Column("MessageId", m => m.MessageId),
        Column("EventType", m => m.EventType),
        Column("Payload", m => m.Payload),
        Column("EndpointUrl", m => m.EndpointUrl),
        Column("CreatedAt", m => StoredValues.Stored(m.CreatedAt)),
        Column("Status", m => m.Status.ToString()),
        Column("Attempts", m => m.Attempts),
        Column("NextAttemptAt", m => StoredValues.Stored(m.NextAttemptAt)),
        Column("GiveUpAt", m => StoredValues.Stored(m.GiveUpAt)),
        Column("LastAttemptAt", m => StoredValues.Stored(m.LastAttemptAt)),
        Column("LastResponseStatus", m => m.LastResponseStatus),
        Column("LastError", m => m.LastError),
        Column("DeliveredAt", m => StoredValues.Stored(m.DeliveredAt)),
        Column("ClaimId", m => m.ClaimId));

    /// <summary>Gives a new message the identity the database gave its row, as EF Core does (the setter is private).</summary>
    [UnsafeAccessor(UnsafeAccessorKind.Method, Name = "set_Id")]
    public static extern void SetId(WebhookMessage message, long id);
}
