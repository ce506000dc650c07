using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pilito.Domain.Accounts;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.Configurations;

internal sealed class RefreshTokenConfiguration : IEntityTypeConfiguration<RefreshToken>
{
    public void Configure(EntityTypeBuilder<RefreshToken> builder)
    {
        builder.ToTable("RefreshTokens");
        builder.HasKey(t => t.Id);
        builder.Property(t => t.TokenHash).HasMaxLength(32);
        builder.HasIndex(t => t.TokenHash).IsUnique();
        builder.HasIndex(t => t.FamilyId);
        // Retention's purge, in small batches: both grow at the end (instants, and NULL for the unrevoked).
        builder.HasIndex(t => t.ExpiresAt);
        builder.HasIndex(t => t.RevokedAt);
        builder.Property(t => t.Version).IsConcurrencyToken();
        builder.HasOne<PilitoUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
