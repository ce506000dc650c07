using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pilito.Domain.Otp;
using Pilito.Domain.Phones;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>A write round on the writer's SQLite connection (see <see cref="SqliteWriteRounds"/>).</summary>
internal sealed class SqliteWriteRound(SqliteWriteStatements sql, IServiceScopeFactory scopes) : WriteRound, IAsyncDisposable
{
    private AsyncServiceScope? _scope;

    public ValueTask DisposeAsync() => _scope?.DisposeAsync() ?? ValueTask.CompletedTask;

    public override async Task<List<DateTimeOffset>> CreationTimesAsync(PhoneNumber phone, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        var times = new List<DateTimeOffset>();
        await using var reader = await sql.Bind(sql.CreationTimes, phone.E164, UtcTicksConverter.ToStored(windowStart)).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            times.Add(UtcTicksConverter.FromStored(reader.GetInt64(0)));
        return times;
    }

    public override async Task<Func<long>> IssueAsync(OtpToken token, CancellationToken cancellationToken)
    {
        await sql.Bind(sql.Supersede, token.Phone.E164).ExecuteNonQueryAsync(cancellationToken);
        var id = await sql.Bind(sql.Insert,
                token.Phone.E164,
                token.CodeHash,
                UtcTicksConverter.ToStored(token.CreatedAt),
                UtcTicksConverter.ToStored(token.ExpiresAt),
                token.Status.ToString(),
                token.FailedAttempts,
                token.ClientIp,
                token.Version)
            .ExecuteScalarAsync(cancellationToken);
        var stored = (long)id!;
        return () => stored;
    }

    public override async Task<bool> RecordDeliveryAsync(long tokenId, DeliveryReport report, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (await sql.Bind(sql.TokenStatus, tokenId).ExecuteScalarAsync(cancellationToken) is not string status)
            return false;

        var next = OtpToken.StatusAfterDelivery(SqliteWriteStatements.Status(status), report.Accepted);
        await sql.Bind(sql.RecordDelivery,
                report.Provider,
                report.ProviderMessageId,
                report.ProviderStatusCode,
                report.ProviderError,
                report.Accepted ? UtcTicksConverter.ToStored(at) : null,
                next.ToString(),
                tokenId)
            .ExecuteNonQueryAsync(cancellationToken);
        return true;
    }

    // Identity's normaliser and options come from a scope, made once per round and only for a round that verifies.
    protected override VerificationRound BeginVerification()
    {
        _scope ??= scopes.CreateAsyncScope();
        var services = _scope.Value.ServiceProvider;
        return new SqliteVerificationRound(sql,
            services.GetRequiredService<ILookupNormalizer>(),
            services.GetRequiredService<IOptions<IdentityOptions>>().Value);
    }

    protected override async Task<Dictionary<DateTimeOffset, int>> LoadSendCountsAsync(string scope, string key, DateTimeOffset fromMinute, CancellationToken cancellationToken)
    {
        var minutes = new Dictionary<DateTimeOffset, int>();
        await using var reader = await sql.Bind(sql.LoadSendCounts, scope, key, UtcTicksConverter.ToStored(fromMinute)).ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            minutes.Add(UtcTicksConverter.FromStored(reader.GetInt64(0)), reader.GetInt32(1));
        return minutes;
    }

    protected override async Task SaveAsync(IEnumerable<SendCountWindow> sendCounts, CancellationToken cancellationToken)
    {
        foreach (var window in sendCounts)
        {
            foreach (var (minute, added) in window.Added)
                await sql.Bind(sql.AddSendCount, window.Scope, window.Key, UtcTicksConverter.ToStored(minute), added).ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
