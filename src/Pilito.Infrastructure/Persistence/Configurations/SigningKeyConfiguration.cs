using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pilito.Domain.Signing;

namespace Pilito.Infrastructure.Persistence.Configurations;

internal sealed class SigningKeyConfiguration : IEntityTypeConfiguration<SigningKey>
{
    public void Configure(EntityTypeBuilder<SigningKey> builder)
    {
        builder.ToTable("SigningKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).HasMaxLength(SigningKey.MaxIdLength).ValueGeneratedNever();
        // The guarantee behind rotation on many instances: one key per generation, whoever inserts first.
        builder.HasIndex(k => k.Generation).IsUnique();
        builder.Property(k => k.Algorithm).HasMaxLength(16);
        builder.Property(k => k.ProtectedPrivateKey).HasMaxLength(4096);
        builder.Property(k => k.PublicX).HasMaxLength(64);
        builder.Property(k => k.PublicY).HasMaxLength(64);
    }
}
