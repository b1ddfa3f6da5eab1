using CityDx.Domain.Organisation;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace CityDx.IntegrationTests.Operations;

/// <summary>The case store itself, on the real PostgreSQL.</summary>
public sealed class CaseStoreTests(CityDxFactory factory, ITestOutputHelper output) : IClassFixture<CityDxFactory>
{
    [Fact]
    public async Task Runs_on_PostgreSQL_with_the_demo_city_seeded()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        Assert.True(db.Database.IsNpgsql());
        var version = await db.Database.SqlQueryRaw<string>("SELECT version() AS \"Value\"").SingleAsync();
        output.WriteLine(version);
        Assert.StartsWith("PostgreSQL", version, StringComparison.Ordinal);

        var wards = await db.OrganisationUnits.Where(u => u.Kind == OrganisationUnitKind.WardOffice).OrderBy(u => u.SortOrder).Select(u => u.NameJa).ToListAsync();
        Assert.Equal(24, wards.Count);
        Assert.Equal("北区役所", wards[0]);
        Assert.Equal("西成区役所", wards[^1]);
        Assert.Single(await db.OrganisationUnits.Where(u => u.Kind == OrganisationUnitKind.CentralProcessingCentre).ToListAsync());
        Assert.True(await db.Procedures.CountAsync(p => p.IsPublished) >= 3);
    }

    [Fact]
    public async Task Case_history_cannot_be_changed_or_deleted_even_with_plain_SQL()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, _) = await Filing.FileDogRegistrationAsync(citizen);

        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            "UPDATE case_history SET \"Comment\" = 'rewritten' WHERE \"CaseId\" = @id",
            "DELETE FROM case_history WHERE \"CaseId\" = @id",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("id", caseId);
            var ex = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", ex.MessageText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_published_form_version_cannot_be_changed_or_deleted_in_the_database()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[]
        {
            "UPDATE form_versions SET \"DefinitionJson\" = '{}' WHERE \"Status\" = 1",
            "UPDATE form_versions SET \"Status\" = 0 WHERE \"Status\" = 1",
            "DELETE FROM form_versions WHERE \"Status\" = 1",
        })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var ex = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("immutable", ex.MessageText, StringComparison.Ordinal);
        }

        // Retiring (Published -> Retired) is the one change allowed.
        await using var retire = new NpgsqlCommand("UPDATE form_versions SET \"Status\" = 2 WHERE \"Status\" = 1 AND \"ProcedureId\" = (SELECT \"Id\" FROM procedures WHERE \"Code\" = 'dog-death-notice')", connection);
        Assert.Equal(1, await retire.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task A_procedure_has_at_most_one_draft()
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        const string insert = "INSERT INTO form_versions (\"Id\", \"ProcedureId\", \"VersionNumber\", \"Status\", \"DefinitionJson\") " +
            "SELECT gen_random_uuid(), \"Id\", @n, 0, '[]' FROM procedures WHERE \"Code\" = 'school-aid'";
        await using (var first = new NpgsqlCommand(insert, connection))
        {
            first.Parameters.AddWithValue("n", 90);
            Assert.Equal(1, await first.ExecuteNonQueryAsync());
        }

        await using var second = new NpgsqlCommand(insert, connection);
        second.Parameters.AddWithValue("n", 91);
        var ex = await Assert.ThrowsAsync<PostgresException>(() => second.ExecuteNonQueryAsync());
        Assert.Equal(PostgresErrorCodes.UniqueViolation, ex.SqlState);
    }
}
