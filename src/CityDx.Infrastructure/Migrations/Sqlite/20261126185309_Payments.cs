using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityDx.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Payments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "FeeYen",
                table: "cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PaidAt",
                table: "cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PaymentReference",
                table: "cases",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PaymentState",
                table: "cases",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FeeYen",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "PaidAt",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "PaymentReference",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "PaymentState",
                table: "cases");
        }
    }
}
