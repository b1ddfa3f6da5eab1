using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityDx.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FormVersionRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_form_versions_one_draft",
                table: "form_versions",
                column: "ProcedureId",
                unique: true,
                filter: "\"Status\" = 0");

            migrationBuilder.Sql("""
                CREATE TRIGGER form_versions_published_immutable
                BEFORE UPDATE ON form_versions
                WHEN OLD."Status" <> 0 AND (NEW."DefinitionJson" IS NOT OLD."DefinitionJson"
                    OR NEW."ProcedureId" IS NOT OLD."ProcedureId"
                    OR NEW."VersionNumber" IS NOT OLD."VersionNumber"
                    OR NEW."PublishedAt" IS NOT OLD."PublishedAt"
                    OR NOT (NEW."Status" = OLD."Status" OR (OLD."Status" = 1 AND NEW."Status" = 2)))
                BEGIN
                    SELECT RAISE(ABORT, 'published form versions are immutable');
                END;
                CREATE TRIGGER form_versions_published_not_deleted
                BEFORE DELETE ON form_versions
                WHEN OLD."Status" <> 0
                BEGIN
                    SELECT RAISE(ABORT, 'published form versions are immutable');
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS form_versions_published_immutable; DROP TRIGGER IF EXISTS form_versions_published_not_deleted;");

            migrationBuilder.DropIndex(
                name: "IX_form_versions_one_draft",
                table: "form_versions");
        }
    }
}
