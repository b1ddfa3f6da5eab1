using System.Diagnostics;
using CityDx.Infrastructure.Files;
using CityDx.IntegrationTests.Infrastructure;
using CityDx.TestData;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CityDx.IntegrationTests.Operations;

/// <summary>The documented backup and restore scripts, exercised once: a case and a stored file survive into a fresh database and folder.</summary>
public sealed class BackupRestoreTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    [Fact]
    public async Task A_backup_restores_into_a_fresh_database_with_its_cases_and_files()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (_, receipt) = await Filing.FileDogRegistrationAsync(citizen, dogName: "バックアップ");
        string key;
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            key = (await scope.ServiceProvider.GetRequiredService<IFileStore>().SaveAsync(new MemoryStream("保存"u8.ToArray()), default)).Key;
        }

        var work = Path.Combine(Path.GetTempPath(), "citydx-backup-" + Guid.NewGuid().ToString("N")[..8]);
        var source = new NpgsqlConnectionStringBuilder(factory.ConnectionString);
        var restoredName = source.Database + "_restored";
        try
        {
            var files = Path.Combine(factory.DataFolder, "attachments");
            await RunAsync("tools/backup.sh", [Path.Combine(work, "backup")], source, source.Database!, files);
            await RunAsync("tools/restore.sh", [Path.Combine(work, "backup"), restoredName, Path.Combine(work, "files")], source, "postgres", null);

            await using var restored = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(factory.ConnectionString) { Database = restoredName }.ConnectionString);
            await restored.OpenAsync();
            await using var command = new NpgsqlCommand("""SELECT count(*) FROM cases WHERE "ReceiptNumber" = @r""", restored);
            command.Parameters.AddWithValue("r", receipt);
            Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
            Assert.Equal("保存", await File.ReadAllTextAsync(Path.Combine(work, "files", key)));

            // Restoring over an existing database is refused.
            await Assert.ThrowsAsync<InvalidOperationException>(() => RunAsync("tools/restore.sh", [Path.Combine(work, "backup"), restoredName], source, "postgres", null));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(factory.ConnectionString) { Database = "postgres" }.ConnectionString);
            await admin.OpenAsync();
            await new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{restoredName}\" WITH (FORCE)", admin).ExecuteNonQueryAsync();
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task RunAsync(string script, string[] args, NpgsqlConnectionStringBuilder db, string database, string? files)
    {
        var info = new ProcessStartInfo("bash", [RepoRoot.Combine(script), .. args]) { RedirectStandardError = true, RedirectStandardOutput = true };
        info.Environment["PGHOST"] = db.Host;
        info.Environment["PGPORT"] = db.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["PGUSER"] = db.Username;
        info.Environment["PGPASSWORD"] = db.Password ?? "";
        info.Environment["PGDATABASE"] = database;
        if (files is not null)
        {
            info.Environment["CITYDX_FILES"] = files;
        }

        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} exited {process.ExitCode}: {await error}");
        }
    }
}
