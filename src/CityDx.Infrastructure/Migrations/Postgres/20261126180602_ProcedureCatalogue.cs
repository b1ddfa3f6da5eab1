using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityDx.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProcedureCatalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<int>(
                name: "Channels",
                table: "procedures",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "EligibilityEn",
                table: "procedures",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "EligibilityJa",
                table: "procedures",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "FeeTiming",
                table: "procedures",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "FeeYen",
                table: "procedures",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Keywords",
                table: "procedures",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "LifeEvents",
                table: "procedures",
                type: "character varying(400)",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "RequiredDocumentsEn",
                table: "procedures",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "RequiredDocumentsJa",
                table: "procedures",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "procedures",
                type: "character varying(12000)",
                maxLength: 12000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_procedures_IsPublished_Category",
                table: "procedures",
                columns: new[] { "IsPublished", "Category" });

            migrationBuilder.CreateIndex(
                name: "IX_procedures_SearchText",
                table: "procedures",
                column: "SearchText")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_procedures_IsPublished_Category",
                table: "procedures");

            migrationBuilder.DropIndex(
                name: "IX_procedures_SearchText",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "Channels",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "EligibilityEn",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "EligibilityJa",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "FeeTiming",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "FeeYen",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "Keywords",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "LifeEvents",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "RequiredDocumentsEn",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "RequiredDocumentsJa",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "procedures");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
