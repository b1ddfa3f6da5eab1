using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CityDx.Application.Common;

public static class DbErrors
{
    /// <summary>
    /// True when the database could not be reached or answered (down, restarting, network gone,
    /// retries used up) rather than refusing a statement: the request gets a friendly 503, not a 500.
    /// </summary>
    public static bool IsDatabaseUnavailable(this Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case Microsoft.EntityFrameworkCore.Storage.RetryLimitExceededException:
                case System.Net.Sockets.SocketException:
                case TimeoutException:
                case NpgsqlException { IsTransient: true }:
                case NpgsqlException when e is not PostgresException:
                case SqliteException { SqliteErrorCode: 5 or 6 }: // busy, locked
                    return true;
            }
        }

        return false;
    }

    /// <summary>True when the save failed on a unique index, on either provider.</summary>
    public static bool IsUniqueViolation(this DbUpdateException ex) => ex.InnerException switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 2067 or 1555,
        _ => false,
    };
}
