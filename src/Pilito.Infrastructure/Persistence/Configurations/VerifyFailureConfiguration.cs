using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Pilito.Infrastructure.Persistence.Configurations;

internal sealed class VerifyFailureConfiguration : IEntityTypeConfiguration<VerifyFailure>
{
    public void Configure(EntityTypeBuilder<VerifyFailure> builder)
    {
        builder.ToTable("VerifyFailures");
        builder.Property(f => f.PhoneNumber).HasMaxLength(16);
        builder.HasIndex(f => new { f.PhoneNumber, f.OccurredAt });
        builder.HasIndex(f => f.OccurredAt);
    }
}
