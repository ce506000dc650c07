using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Persistence.Configurations;

internal sealed class OtpTokenConfiguration : IEntityTypeConfiguration<OtpToken>
{
    public void Configure(EntityTypeBuilder<OtpToken> builder)
    {
        builder.ToTable("OtpTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.Phone)
            .HasColumnName("PhoneNumber")
            .HasMaxLength(16)
            .HasConversion(p => p.E164, e164 => PhoneNumber.FromE164(e164));
        builder.Property(t => t.CodeHash).HasMaxLength(32);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.ClientIp).HasMaxLength(45);
        // By name, like the status; rows from before channels existed are "Sms" (the migrations' default).
        builder.Property(t => t.Channel).HasConversion<string>().HasMaxLength(8);
        builder.Property(t => t.DeliveryOutcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Operator).HasMaxLength(32);
        builder.Property(t => t.VerificationId).HasMaxLength(64);
        builder.Property(t => t.DeliveryProvider).HasMaxLength(32);
        builder.Property(t => t.ProviderMessageId).HasMaxLength(64);
        builder.Property(t => t.ProviderError).HasMaxLength(256);
        builder.Property(t => t.DeliveryStatusText).HasMaxLength(128);
        builder.Property(t => t.Version).IsConcurrencyToken();
        // A plain number, no foreign key: retention deletes tokens by age, the replaced SMS's first.
        builder.Property(t => t.ReplacesTokenId);
        // The account a phone-change code moves (null: a sign-in code). No foreign key: a token outlives nothing it
        // names, and retention deletes tokens by age whatever became of the account.
        builder.Property(t => t.PhoneChangeAccountId);

        // Serves the per-phone rate limit (count since) and "newest code of this phone".
        builder.HasIndex(t => new { t.Phone, t.CreatedAt });
        // No index on VerificationId: an attempt names its phone too, and the phone's few tokens are found on
        // (PhoneNumber, CreatedAt); an index of random text would cost every insert (bench/analysis.md, item 11).
        // No index on ClientIp: the per-address limit counts LimitCounts, and every index costs each insert.
        // Serves the admin list, newest first.
        builder.HasIndex(t => t.CreatedAt);
        // Admin list filtered by status, newest first; and sorted by expiry or attempts. Each index ends, implicitly,
        // in the key (rowid on SQLite, the clustered key on SQL Server), so (column, Id) keyset pages are seeks.
        builder.HasIndex(t => new { t.Status, t.CreatedAt });
        builder.HasIndex(t => t.ExpiresAt);
        builder.HasIndex(t => t.FailedAttempts);
    }
}
