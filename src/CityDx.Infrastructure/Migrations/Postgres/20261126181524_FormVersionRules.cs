using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityDx.Infrastructure.Migrations.Postgres
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
                CREATE FUNCTION form_versions_published_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        IF OLD."Status" <> 0 THEN
                            RAISE EXCEPTION 'published form versions are immutable (version % of procedure %)', OLD."VersionNumber", OLD."ProcedureId";
                        END IF;
                        RETURN OLD;
                    END IF;
                    -- A published or retired version keeps its definition; only Published -> Retired may change.
                    IF OLD."Status" <> 0 AND (NEW."DefinitionJson" IS DISTINCT FROM OLD."DefinitionJson"
                        OR NEW."ProcedureId" IS DISTINCT FROM OLD."ProcedureId"
                        OR NEW."VersionNumber" IS DISTINCT FROM OLD."VersionNumber"
                        OR NEW."PublishedAt" IS DISTINCT FROM OLD."PublishedAt"
                        OR NOT (NEW."Status" = OLD."Status" OR (OLD."Status" = 1 AND NEW."Status" = 2))) THEN
                        RAISE EXCEPTION 'published form versions are immutable (version % of procedure %)', OLD."VersionNumber", OLD."ProcedureId";
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER form_versions_published_immutable
                    BEFORE UPDATE OR DELETE ON form_versions
                    FOR EACH ROW EXECUTE FUNCTION form_versions_published_immutable();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS form_versions_published_immutable ON form_versions; DROP FUNCTION IF EXISTS form_versions_published_immutable();");

            migrationBuilder.DropIndex(
                name: "IX_form_versions_one_draft",
                table: "form_versions");
        }
    }
}
