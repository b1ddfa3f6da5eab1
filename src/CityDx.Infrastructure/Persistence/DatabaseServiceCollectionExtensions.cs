using CityDx.Infrastructure.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CityDx.Infrastructure.Persistence;

public static class DatabaseServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="CityDxDbContext"/> on the configured provider. SQLite is the default when
    /// nothing is configured; PostgreSQL needs a connection string. Contexts are pooled (reset and
    /// reused between requests rather than built for each): the context keeps no state of its own.
    /// </summary>
    public static IServiceCollection AddCityDxDatabase(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var options = services.AddSettings<DatabaseOptions>(configuration, DatabaseOptions.Section);
        var connectionString = options.ConnectionString ?? configuration.GetConnectionString("CityDx");

        switch (options.Provider)
        {
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        "Database:Provider is Postgres but no connection string is set (Database:ConnectionString or ConnectionStrings:CityDx).");
                }

                services.AddDbContextPool<CityDxDbContext, PostgresCityDxDbContext>(o => o.UseNpgsql(connectionString, npgsql =>
                    npgsql.EnableRetryOnFailure(options.MaxRetryCount, TimeSpan.FromSeconds(Math.Max(0, options.MaxRetryDelaySeconds)), null)));
                break;
            default:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    var folder = Path.GetFullPath(options.DataFolder, contentRoot);
                    Directory.CreateDirectory(folder);
                    connectionString = $"Data Source={Path.Combine(folder, "citydx.db")}";
                }

                services.AddDbContextPool<CityDxDbContext, SqliteCityDxDbContext>(o => o.UseSqlite(connectionString));
                break;
        }

        services.AddScoped<PostalCodes.PostalCodeImporter>();

        var files = services.AddSettings<Files.FileStoreOptions>(configuration, Files.FileStoreOptions.Section);
        var fileRoot = Path.GetFullPath(files.Root ?? Path.Combine(options.DataFolder, "attachments"), contentRoot);
        Directory.CreateDirectory(fileRoot);
        services.AddSingleton<Files.IFileStore>(new Files.FileSystemFileStore(fileRoot));

        // Optional malware scan of uploads through clamd; off unless Files:ClamAv:Host is set.
        var clamAv = services.AddSettings<Files.ClamAvOptions>(configuration, Files.ClamAvOptions.Section);
        if (string.IsNullOrWhiteSpace(clamAv.Host))
        {
            services.AddSingleton<Files.IVirusScanner, Files.NoVirusScanner>();
        }
        else
        {
            var quarantine = Path.GetFullPath(clamAv.QuarantineRoot ?? Path.Combine(options.DataFolder, "quarantine"), contentRoot);
            services.AddSingleton<Files.IVirusScanner>(sp => new Files.ClamdScanner(clamAv, quarantine,
                sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<Files.ClamdScanner>>()));
        }

        return services;
    }
}
