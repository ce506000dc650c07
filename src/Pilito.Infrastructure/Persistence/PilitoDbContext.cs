using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Pilito.Domain.Accounts;
using Pilito.Domain.Audit;
using Pilito.Domain.Otp;
using Pilito.Domain.Signing;
using Pilito.Domain.Webhooks;
using Pilito.Infrastructure.Identity;

namespace Pilito.Infrastructure.Persistence;

/// <summary>
/// The one context: Identity and OTP tokens. Each database provider has a subclass that owns that
/// provider's migrations (see docs/architecture.md).
/// </summary>
public abstract class PilitoDbContext(DbContextOptions options)
    : IdentityDbContext<PilitoUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The keys behind cookies and anti-forgery tokens, shared by every instance on this database.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<OtpToken> OtpTokens => Set<OtpToken>();
    public DbSet<LimitCount> LimitCounts => Set<LimitCount>();
    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();
    public DbSet<StaffAuditEntry> StaffAuditEntries => Set<StaffAuditEntry>();
    public DbSet<SigningKey> SigningKeys => Set<SigningKey>();
    public DbSet<WebhookMessage> WebhookMessages => Set<WebhookMessage>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(PilitoDbContext).Assembly);
    }
}
