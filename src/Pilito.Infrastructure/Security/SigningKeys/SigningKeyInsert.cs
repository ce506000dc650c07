using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Pilito.Domain.Signing;
using Pilito.Infrastructure.Persistence;

namespace Pilito.Infrastructure.Security.SigningKeys;

/// <summary>
/// One INSERT of a signing key that the database turns into nothing, not an error, when the key's generation (or id)
/// is taken: instances rotating at the same moment race for it by design, and a refused SaveChanges would be logged
/// by EF Core at Error level on every instance but the winner. The columns and the stored forms of the values come
/// from the model, so the statement follows the mapping.
/// </summary>
internal static class SigningKeyInsert
{
    /// <summary>The rows the statement added: 1, or 0 when another key of the generation was there first.</summary>
    public static Task<int> ExecuteAsync(PilitoDbContext db, SigningKey key, CancellationToken cancellationToken)
    {
        var (statement, parameters) = Build(db, key);
        return db.Database.ExecuteSqlRawAsync(statement, parameters, cancellationToken);
    }

    /// <summary>The statement, with <c>{i}</c> placeholders for EF Core to bind, and its values in column order.</summary>
    public static (string Sql, object[] Parameters) Build(PilitoDbContext db, SigningKey key)
    {
        var entity = db.Model.FindEntityType(typeof(SigningKey))
            ?? throw new InvalidOperationException("SigningKey is not in the model.");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = db.GetService<ISqlGenerationHelper>();
        var properties = entity.GetProperties().ToList();
        var columns = string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)));
        var values = string.Join(", ", properties.Select((_, i) => Placeholder(i)));
        var name = sql.DelimitIdentifier(table.Name, table.Schema);
        var generation = properties.FindIndex(p => p.Name == nameof(SigningKey.Generation));
        var statement = db.Database.IsSqlServer()
            // SQL Server has no ON CONFLICT: the range lock held for the statement makes the look and the insert one.
            ? $"INSERT INTO {name} ({columns}) SELECT {values} WHERE NOT EXISTS (SELECT 1 FROM {name} WITH (UPDLOCK, HOLDLOCK) " +
              $"WHERE {sql.DelimitIdentifier(properties[generation].GetColumnName(table)!)} = {Placeholder(generation)})"
            : $"INSERT INTO {name} ({columns}) VALUES ({values}) ON CONFLICT DO NOTHING";
        return (statement, properties.Select(p => Stored(p, key)).ToArray());
    }

    private static string Placeholder(int index) => "{" + index.ToString(CultureInfo.InvariantCulture) + "}";

    /// <summary>The value as the provider stores it (a time as UTC ticks where the context converts it).</summary>
    private static object Stored(IProperty property, SigningKey key)
    {
        var value = property.PropertyInfo!.GetValue(key)!;
        return property.GetTypeMapping().Converter?.ConvertToProvider(value) ?? value;
    }
}
