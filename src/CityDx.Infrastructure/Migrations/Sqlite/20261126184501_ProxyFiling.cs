using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityDx.Infrastructure.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                defaultValue: 1); // existing procedures: proxies allowed

            migrationBuilder.AddColumn<string>(
                name: "ProxyRelationship",
                table: "cases",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubjectName",
                table: "cases",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SubjectNameKana",
                table: "cases",
                type: "TEXT",
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
