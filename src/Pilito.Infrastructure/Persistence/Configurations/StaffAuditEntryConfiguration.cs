using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Pilito.Domain.Audit;

namespace Pilito.Infrastructure.Persistence.Configurations;

internal sealed class StaffAuditEntryConfiguration : IEntityTypeConfiguration<StaffAuditEntry>
{
    public void Configure(EntityTypeBuilder<StaffAuditEntry> builder)
    {
        builder.ToTable("StaffAuditEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        // By name: new actions are added to the enum without renumbering stored entries.
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.StaffEmail).HasMaxLength(StaffAuditEntry.MaxEmailLength);
        builder.Property(e => e.Target).HasMaxLength(StaffAuditEntry.MaxTargetLength);
        builder.Property(e => e.ClientAddress).HasMaxLength(StaffAuditEntry.MaxAddressLength);
        // Newest first and the retention purge; on SQLite the index ends in the rowid (= Id), on SQL Server in the
        // clustered key (Id), so (OccurredAt, Id) pages are index seeks. The filters each have theirs.
        builder.HasIndex(e => e.OccurredAt);
        builder.HasIndex(e => new { e.StaffEmail, e.OccurredAt });
        builder.HasIndex(e => new { e.Action, e.OccurredAt });
    }
}
