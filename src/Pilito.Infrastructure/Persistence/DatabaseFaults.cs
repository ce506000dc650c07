using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Pilito.Infrastructure.Persistence;

public static class DatabaseFaults
{
    /// <summary>Unreachable, locked past Database:SqliteBusyTimeout, or out of retries: not the request's fault.</summary>
    public static bool IsDatabaseFault(Exception exception) => exception switch
    {
        DbException or TimeoutException or RetryLimitExceededException => true,
        DbUpdateException { InnerException: DbException } => true,
        InvalidOperationException { InnerException: DbException } => true,
        _ => false,
    };
}
