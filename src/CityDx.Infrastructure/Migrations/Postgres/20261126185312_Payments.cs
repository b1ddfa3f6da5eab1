using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityDx.Infrastructure.Migrations.Postgres
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "PaidAt",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PaymentReference",
                table: "cases",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PaymentState",
                table: "cases",
                type: "integer",
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
