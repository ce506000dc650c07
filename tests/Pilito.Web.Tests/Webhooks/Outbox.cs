using Pilito.Web.Tests.Support;

namespace Pilito.Web.Tests.Webhooks;

/// <summary>The app's outbox rows, read straight from its database (SQLite or PostgreSQL), oldest first.</summary>
internal static class Outbox
{
    public static async Task<List<Dictionary<string, object?>>> RowsAsync(PilitoApp app)
    {
        await using var connection = await Database.OpenAsync(app);
        await using var command = connection.CreateCommand();
        command.CommandText = """SELECT * FROM "WebhookMessages" ORDER BY "Id" """;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<Dictionary<string, object?>>();
        while (await reader.ReadAsync())
            rows.Add(Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => reader.IsDBNull(i) ? null : reader.GetValue(i)));
        return rows;
    }

    public static async Task<Dictionary<string, object?>> RowAsync(PilitoApp app, string messageId) =>
        (await RowsAsync(app)).Single(r => (string)r["MessageId"]! == messageId);
}
