using System.Data.Common;

namespace Pilito.Web.Commands;

/// <summary>
/// What an operator command meets that is not a bug: a database it cannot reach or that has not been migrated
/// (create-admin before migrate is a common first step). One line naming the setting and the next step, never the
/// provider's stack trace.
/// </summary>
public static class CommandFailure
{
    /// <summary>The line for <paramref name="exception"/>; null when it is not about the database.</summary>
    public static string? Describe(string command, Exception exception) => Database(exception) is { } database
        ? $"Pilito cannot run {command}: the database answered \"{FirstLine(database.Message)}\". Check ConnectionStrings__Pilito " +
          (command == MigrateCommand.Name ? "and Database__Provider." : "and Database__Provider; on a new database run `migrate` first.")
        : null;

    // EF wraps the provider's exception (DbUpdateException, RetryLimitExceededException, InvalidOperationException):
    // whatever holds one is about the database.
    private static DbException? Database(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is DbException database)
                return database;
        }

        return null;
    }

    private static string FirstLine(string message) => message.Split(['\r', '\n'], 2)[0].Trim();
}
