using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CityDx.Infrastructure.Persistence;

/// <summary>The embedded default: one SQLite file, zero set-up. Migrations in Migrations/Sqlite.</summary>
public sealed class SqliteCityDxDbContext(DbContextOptions<SqliteCityDxDbContext> options) : CityDxDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite has no timestamp type; store instants as sortable integers so ORDER BY and ranges work.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }

    /// <summary>SQLite has one writer and no sha256(): the application chains new audit and history rows (PostgreSQL's trigger does it there).</summary>
    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AuditChain.ChainAdded(this);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AuditChain.ChainAdded(this);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }
}

/// <summary>The production case store. Migrations in Migrations/Postgres.</summary>
public sealed class PostgresCityDxDbContext(DbContextOptions<PostgresCityDxDbContext> options) : CityDxDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Catalogue search is a partial match (LIKE '%…%') on folded text: a trigram index serves it.
        builder.HasPostgresExtension("pg_trgm");
        builder.Entity<CityDx.Domain.Procedures.Procedure>()
            .HasIndex(p => p.SearchText)
            .HasMethod("gin")
            .HasOperators("gin_trgm_ops");

        // A queue page reads its columns from the (unit, state, sort key, receipt) index alone: an
        // index-only scan of the unit's open cases and a top-N sort, no heap page per case
        // (docs/performance.md, "before/after").
        builder.Entity<CityDx.Domain.Cases.Case>(b =>
        {
            b.HasIndex(c => new { c.OrganisationUnitId, c.Status, c.DueDate, c.ReceiptNumber })
                .IncludeProperties(c => new { c.Id, c.ProcedureId, c.Channel, c.SubmittedAt, c.ApplicantName, c.AssigneeUserId, c.Version });
            b.HasIndex(c => new { c.OrganisationUnitId, c.Status, c.SubmittedAt, c.ReceiptNumber })
                .IncludeProperties(c => new { c.Id, c.ProcedureId, c.Channel, c.DueDate, c.ApplicantName, c.AssigneeUserId, c.Version });
        });
    }
}

/// <summary>Used by <c>dotnet ef</c> only.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCityDxDbContext>
{
    public SqliteCityDxDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCityDxDbContext>().UseSqlite("Data Source=design.db").Options);
}

/// <summary>Used by <c>dotnet ef</c> only.</summary>
public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresCityDxDbContext>
{
    public PostgresCityDxDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresCityDxDbContext>().UseNpgsql("Host=localhost;Database=citydx_design").Options);
}
