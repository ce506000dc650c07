using Microsoft.Data.Sqlite;
using Pilito.Domain.Otp;

namespace Pilito.Infrastructure.Persistence.GroupCommit;

/// <summary>
/// The writer's SQLite connection and the statements of a write round, each prepared once. Instants are stored as
/// <see cref="UtcTicksConverter"/> stores them, statuses by name as OtpTokenConfiguration does.
/// </summary>
internal sealed class SqliteWriteStatements : IAsyncDisposable
{
    private static readonly string Usable = string.Join(", ", OtpToken.UsableStatuses.Select(s => $"'{s}'"));

    private readonly SqliteConnection _connection;
    private SqliteTransaction? _transaction;

    private SqliteWriteStatements(SqliteConnection connection)
    {
        _connection = connection;
        LoadSendCounts = Prepare(
            "SELECT MinuteStart, Count FROM OtpSendCounts WHERE Scope = $scope AND Key = $key AND MinuteStart >= $from",
            "$scope", "$key", "$from");
        AddSendCount = Prepare(
            "INSERT INTO OtpSendCounts (Scope, Key, MinuteStart, Count) VALUES ($scope, $key, $minute, $added) " +
            "ON CONFLICT (Scope, Key, MinuteStart) DO UPDATE SET Count = Count + excluded.Count",
            "$scope", "$key", "$minute", "$added");
        CreationTimes = Prepare(
            "SELECT CreatedAt FROM OtpTokens WHERE PhoneNumber = $phone AND CreatedAt > $since ORDER BY CreatedAt",
            "$phone", "$since");
        Supersede = Prepare(
            $"UPDATE OtpTokens SET Status = '{OtpStatus.Superseded}', Version = Version + 1 WHERE PhoneNumber = $phone AND Status IN ({Usable})",
            "$phone");
        Insert = Prepare(
            "INSERT INTO OtpTokens (PhoneNumber, CodeHash, CreatedAt, ExpiresAt, Status, FailedAttempts, ClientIp, Version) " +
            "VALUES ($phone, $hash, $created, $expires, $status, $failed, $ip, $version) RETURNING Id",
            "$phone", "$hash", "$created", "$expires", "$status", "$failed", "$ip", "$version");
        TokenStatus = Prepare("SELECT Status FROM OtpTokens WHERE Id = $id", "$id");
        RecordDelivery = Prepare(
            "UPDATE OtpTokens SET DeliveryProvider = $provider, ProviderMessageId = $messageId, ProviderStatusCode = $statusCode, " +
            "ProviderError = $error, SentAt = COALESCE($sentAt, SentAt), Status = $status, Version = Version + 1 WHERE Id = $id",
            "$provider", "$messageId", "$statusCode", "$error", "$sentAt", "$status", "$id");
        Verification = new SqliteVerificationStatements(Prepare);
    }

    public SqliteCommand LoadSendCounts { get; }
    public SqliteCommand AddSendCount { get; }
    public SqliteCommand CreationTimes { get; }
    public SqliteCommand Supersede { get; }
    public SqliteCommand Insert { get; }
    public SqliteCommand TokenStatus { get; }
    public SqliteCommand RecordDelivery { get; }
    public SqliteVerificationStatements Verification { get; }

    public static async Task<SqliteWriteStatements> OpenAsync(string connectionString, DatabaseOptions options, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using (var pragmas = connection.CreateCommand())
            {
                pragmas.CommandText = SqlitePragmas.WriterSql(options);
                await pragmas.ExecuteNonQueryAsync(cancellationToken);
            }

            return new SqliteWriteStatements(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async Task BeginAsync(CancellationToken cancellationToken) =>
        _transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        await _transaction!.CommitAsync(cancellationToken);
        await _transaction.DisposeAsync();
        _transaction = null;
    }

    /// <summary>Binds <paramref name="values"/> in order and makes the command part of the open transaction.</summary>
    public SqliteCommand Bind(SqliteCommand command, params object?[] values)
    {
        command.Transaction = _transaction;
        for (var i = 0; i < values.Length; i++)
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        return command;
    }

    public static OtpStatus Status(string name) => Enum.Parse<OtpStatus>(name);

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { LoadSendCounts, AddSendCount, CreationTimes, Supersede, Insert, TokenStatus, RecordDelivery })
            await command.DisposeAsync();
        await Verification.DisposeAsync();
        if (_transaction is not null)
            await _transaction.DisposeAsync();
        await _connection.DisposeAsync();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        return command;
    }
}
