using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pilito.Infrastructure.Persistence.Configurations;

internal sealed class OtpSendCountConfiguration : IEntityTypeConfiguration<OtpSendCount>
{
    public void Configure(EntityTypeBuilder<OtpSendCount> builder)
    {
        builder.ToTable("OtpSendCounts");
        builder.HasKey(c => new { c.Scope, c.Key, c.MinuteStart });
        builder.Property(c => c.Scope).HasMaxLength(16);
        builder.Property(c => c.Key).HasMaxLength(45);
        builder.HasIndex(c => c.MinuteStart); // the retention purge
    }
}
