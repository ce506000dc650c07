using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pilito.Infrastructure.Persistence.Configurations;

internal sealed class LimitCountConfiguration : IEntityTypeConfiguration<LimitCount>
{
    public void Configure(EntityTypeBuilder<LimitCount> builder)
    {
        builder.ToTable("LimitCounts");
        builder.HasKey(c => new { c.Scope, c.Key, c.MinuteStart });
        builder.Property(c => c.Scope).HasMaxLength(16);
        builder.Property(c => c.Key).HasMaxLength(Application.Common.Writes.CountScope.MaxKeyLength);
        builder.HasIndex(c => c.MinuteStart); // the retention purge
    }
}
