using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityDx.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RetentionYears",
                table: "procedures",
                type: "INTEGER",
                nullable: false,
                defaultValue: 5);

            migrationBuilder.AddColumn<long>(
                name: "AnonymisedAt",
                table: "cases",
                type: "INTEGER",
                nullable: true);

            // Append-only records stay append-only for everyone, except inside the retention job's own
            // transaction, which marks itself in retention_window (a row only that transaction can see).
            migrationBuilder.Sql("""
                CREATE TABLE retention_window (started_at TEXT NOT NULL);
                DROP TRIGGER answer_revisions_no_update;
                DROP TRIGGER answer_revisions_no_delete;
                DROP TRIGGER case_messages_no_update;
                DROP TRIGGER case_messages_no_delete;
                CREATE TRIGGER answer_revisions_no_update BEFORE UPDATE ON answer_revisions
                WHEN NOT EXISTS (SELECT 1 FROM retention_window)
                BEGIN SELECT RAISE(ABORT, 'answer_revisions is append-only'); END;
                CREATE TRIGGER answer_revisions_no_delete BEFORE DELETE ON answer_revisions
                WHEN NOT EXISTS (SELECT 1 FROM retention_window)
                BEGIN SELECT RAISE(ABORT, 'answer_revisions is append-only'); END;
                CREATE TRIGGER case_messages_no_update BEFORE UPDATE ON case_messages
                WHEN NOT EXISTS (SELECT 1 FROM retention_window)
                BEGIN SELECT RAISE(ABORT, 'case_messages is append-only'); END;
                CREATE TRIGGER case_messages_no_delete BEFORE DELETE ON case_messages
                WHEN NOT EXISTS (SELECT 1 FROM retention_window)
                BEGIN SELECT RAISE(ABORT, 'case_messages is append-only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RetentionYears",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "AnonymisedAt",
                table: "cases");
        }
    }
}
