using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence.Configurations;

internal sealed class PilitoUserConfiguration : IEntityTypeConfiguration<PilitoUser>
{
    public void Configure(EntityTypeBuilder<PilitoUser> builder) => builder.HasIndex(u => u.DateJoined);
}
