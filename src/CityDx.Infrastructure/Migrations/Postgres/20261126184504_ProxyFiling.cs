using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityDx.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProxyFiling : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Proxy",
                table: "procedures",
                type: "integer",
                nullable: false,
                defaultValue: 1); // existing procedures: proxies allowed

            migrationBuilder.AddColumn<string>(
                name: "ProxyRelationship",
                table: "cases",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubjectName",
                table: "cases",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubjectNameKana",
                table: "cases",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Proxy",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "ProxyRelationship",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "SubjectName",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "SubjectNameKana",
                table: "cases");
        }
    }
}
