using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityDx.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProcedureCatalogue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Channels",
                table: "procedures",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "EligibilityEn",
                table: "procedures",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "EligibilityJa",
                table: "procedures",
                type: "TEXT",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "FeeTiming",
                table: "procedures",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "FeeYen",
                table: "procedures",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Keywords",
                table: "procedures",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "LifeEvents",
                table: "procedures",
                type: "TEXT",
                maxLength: 400,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "RequiredDocumentsEn",
                table: "procedures",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "RequiredDocumentsJa",
                table: "procedures",
                type: "TEXT",
                maxLength: 4000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "procedures",
                type: "TEXT",
                maxLength: 12000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_procedures_IsPublished_Category",
                table: "procedures",
                columns: new[] { "IsPublished", "Category" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_procedures_IsPublished_Category",
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
        }
    }
}
