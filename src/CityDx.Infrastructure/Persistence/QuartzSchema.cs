namespace CityDx.Infrastructure.Persistence;

/// <summary>
/// Where Quartz.NET's clustered job store keeps its tables on PostgreSQL: schema <c>quartz</c>,
/// tables <c>qrtz_*</c>. The migration <c>FeatScale</c> creates them from the script Quartz 4.7
/// runs for itself (<c>create_postgres.sql</c>), so <c>MigrateOnStartup</c> or <c>--migrate-only</c>
/// sets up everything and the web nodes need no right to create tables.
/// </summary>
public static class QuartzSchema
{
    public const string Schema = "quartz";

    public const string TablePrefix = Schema + ".qrtz_";
}
