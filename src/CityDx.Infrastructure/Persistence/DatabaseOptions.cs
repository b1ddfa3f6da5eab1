using System.ComponentModel.DataAnnotations;

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
    [EnumDataType(typeof(DatabaseProvider), ErrorMessage = "Database:Provider must be Sqlite or Postgres.")]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// Connection string. For Sqlite, defaults to a file under <see cref="DataFolder"/>; for Postgres,
    /// required (or ConnectionStrings:CityDx).
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>Folder for the SQLite file (and other local data); created on first run.</summary>
    [Required(ErrorMessage = "Database:DataFolder must be set.")]
    public string DataFolder { get; set; } = "App_Data";

    /// <summary>Apply pending migrations at start-up. Turn off in production and run them on their own.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Retries of transient failures (PostgreSQL only).</summary>
    [Range(0, 20, ErrorMessage = "Database:MaxRetryCount must be between {1} and {2}.")]
    public int MaxRetryCount { get; set; } = 5;

    /// <summary>Longest wait between two retries of a transient failure: an outage answers 503 within seconds, not minutes.</summary>
    [Range(0, 60, ErrorMessage = "Database:MaxRetryDelaySeconds must be between {1} and {2}.")]
    public int MaxRetryDelaySeconds { get; set; } = 3;
}
