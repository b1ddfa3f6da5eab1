using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityDx.Infrastructure.Migrations.Postgres
{
    /// <summary>
    /// Autovacuum for the cases table at 2 % of its rows instead of PostgreSQL's 20 %. The queue and
    /// its counts read open cases by index-only scans, which skip the table only for pages the
    /// visibility map marks all-visible; open cases are the recently filed and changed ones, exactly
    /// the pages a table of a million rows would leave unvacuumed until 200,000 rows had changed
    /// (measured: 16,267 of 23,670 index entries fetched from the heap; docs/performance.md).
    /// </summary>
    public partial class CasesAutovacuum : Migration
    {
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE cases SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
                ALTER TABLE case_history SET (autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
                """);
        }

        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE cases RESET (autovacuum_vacuum_scale_factor, autovacuum_vacuum_insert_scale_factor, autovacuum_analyze_scale_factor);
                ALTER TABLE case_history RESET (autovacuum_vacuum_insert_scale_factor, autovacuum_analyze_scale_factor);
                """);
        }
    }
}
