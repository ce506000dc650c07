using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pilito.Domain.Webhooks;

namespace Pilito.Infrastructure.Persistence.Configurations;

internal sealed class WebhookMessageConfiguration : IEntityTypeConfiguration<WebhookMessage>
{
    public void Configure(EntityTypeBuilder<WebhookMessage> builder)
    {
        builder.ToTable("WebhookMessages");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedOnAdd();
        builder.Property(m => m.MessageId).HasMaxLength(64);
        builder.Property(m => m.EventType).HasMaxLength(32);
        builder.Property(m => m.EndpointUrl).HasMaxLength(2048);
        // By name: new states are added without renumbering stored rows.
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(m => m.LastError).HasMaxLength(WebhookMessage.MaxErrorLength);
        // The senders' query: pending messages by when they are due.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAt });
        // The admin list, newest first (on SQLite the index ends in the rowid, on SQL Server in the clustered key).
        builder.HasIndex(m => m.CreatedAt);
        builder.HasIndex(m => m.ClaimId);
    }
}
