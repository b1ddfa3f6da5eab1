namespace CityDx.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite = 0,
    Postgres = 1,
}

/// <summary>Configuration section "Database".</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Sqlite (default: an embedded file, zero set-up) or Postgres (the production case store).</summary>
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Connection string. For Sqlite, defaults to a file under <see cref="DataFolder"/>; for Postgres,
    /// required (or ConnectionStrings:CityDx).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the SQLite file (and other local data); created on first run.</summary>
    public string DataFolder { get; set; } = "App_Data";

    /// <summary>Apply pending migrations at start-up. Turn off in production and run them on their own.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Retries of transient failures (PostgreSQL only).</summary>
    public int MaxRetryCount { get; set; } = 5;

    /// <summary>Longest wait between two retries of a transient failure: an outage answers 503 within seconds, not minutes.</summary>
    public int MaxRetryDelaySeconds { get; set; } = 3;
}
