using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityDx.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StaffProcessing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_OrganisationUnitId_Status_SubmittedAt",
                table: "cases");

            migrationBuilder.AddColumn<string>(
                name: "WorkflowJson",
                table: "procedures",
                type: "character varying(64000)",
                maxLength: 64000,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Status",
                table: "cases",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddColumn<string>(
                name: "ApplicantName",
                table: "cases",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AssigneeUserId",
                table: "cases",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "EscalatedAt",
                table: "cases",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameSearchKey",
                table: "cases",
                type: "character varying(250)",
                maxLength: 250,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "ToStatus",
                table: "case_history",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AlterColumn<string>(
                name: "FromStatus",
                table: "case_history",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true,
                oldClrType: typeof(int),
                oldType: "integer",
                oldNullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Action",
                table: "case_history",
                type: "character varying(40)",
                maxLength: 40,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ActorRole",
                table: "case_history",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "");

            migrationBuilder.Sql(StatusCodeConversion.Sql);

            migrationBuilder.CreateIndex(
                name: "IX_cases_AssigneeUserId_Status",
                table: "cases",
                columns: new[] { "AssigneeUserId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_OrganisationUnitId_Status_DueDate_ReceiptNumber",
                table: "cases",
                columns: new[] { "OrganisationUnitId", "Status", "DueDate", "ReceiptNumber" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_OrganisationUnitId_Status_SubmittedAt_ReceiptNumber",
                table: "cases",
                columns: new[] { "OrganisationUnitId", "Status", "SubmittedAt", "ReceiptNumber" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_cases_AssigneeUserId_Status",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_OrganisationUnitId_Status_DueDate_ReceiptNumber",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_OrganisationUnitId_Status_SubmittedAt_ReceiptNumber",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "WorkflowJson",
                table: "procedures");

            migrationBuilder.DropColumn(
                name: "ApplicantName",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "AssigneeUserId",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "EscalatedAt",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "NameSearchKey",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "Action",
                table: "case_history");

            migrationBuilder.DropColumn(
                name: "ActorRole",
                table: "case_history");

            migrationBuilder.AlterColumn<int>(
                name: "Status",
                table: "cases",
                type: "integer",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            migrationBuilder.AlterColumn<int>(
                name: "ToStatus",
                table: "case_history",
                type: "integer",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40);

            migrationBuilder.AlterColumn<int>(
                name: "FromStatus",
                table: "case_history",
                type: "integer",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(40)",
                oldMaxLength: 40,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_cases_OrganisationUnitId_Status_SubmittedAt",
                table: "cases",
                columns: new[] { "OrganisationUnitId", "Status", "SubmittedAt" });
        }
    }
}
