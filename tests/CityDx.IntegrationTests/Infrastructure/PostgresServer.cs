using Npgsql;
using Testcontainers.PostgreSql;

namespace CityDx.IntegrationTests.Infrastructure;

/// <summary>
/// The real PostgreSQL the tests run against: the server named by CITYDX_TEST_POSTGRES (the test
/// script starts a throwaway cluster and sets it), otherwise a Testcontainers container when a
/// Docker engine answers. Never an in-memory fake.
/// </summary>
public static class PostgresServer
{
    public const string EnvironmentVariable = "CITYDX_TEST_POSTGRES";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _adminConnectionString;
    private static PostgreSqlContainer? _container;

    public static async Task<string> AdminConnectionStringAsync()
    {
        if (_adminConnectionString is not null)
        {
            return _adminConnectionString;
        }

        await Gate.WaitAsync();
        try
        {
            if (_adminConnectionString is not null)
            {
                return _adminConnectionString;
            }

            var configured = Environment.GetEnvironmentVariable(EnvironmentVariable);
            if (!string.IsNullOrWhiteSpace(configured))
            {
                _adminConnectionString = configured;
                return configured;
            }

            try
            {
                _container = new PostgreSqlBuilder("postgres:16-alpine").Build();
                await _container.StartAsync();
                _adminConnectionString = _container.GetConnectionString();
                return _adminConnectionString;
            }
            catch (Exception ex)
            {
                throw new InvalidOperationException(
                    $"No PostgreSQL for the tests: {EnvironmentVariable} is not set and no Docker engine answered ({ex.GetType().Name}). " +
                    "Run the tests with tools/test.sh, which starts a throwaway PostgreSQL, or set " +
                    $"{EnvironmentVariable}=\"Host=127.0.0.1;Port=5432;Username=postgres;Password=...\".", ex);
            }
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Creates an empty database of its own for one test class and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await AdminConnectionStringAsync();
        var name = "citydx_t_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(await AdminConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }
}
