using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityDx.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Kpi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "kpi_funnel_monthly",
                columns: table => new
                {
                    Month = table.Column<int>(type: "integer", nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    Started = table.Column<int>(type: "integer", nullable: false),
                    ReachedCheckAnswers = table.Column<int>(type: "integer", nullable: false),
                    Submitted = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kpi_funnel_monthly", x => new { x.Month, x.ProcedureId });
                });

            migrationBuilder.CreateTable(
                name: "kpi_monthly",
                columns: table => new
                {
                    Month = table.Column<int>(type: "integer", nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    Filed = table.Column<int>(type: "integer", nullable: false),
                    CorrectionRequested = table.Column<int>(type: "integer", nullable: false),
                    Approved = table.Column<int>(type: "integer", nullable: false),
                    Rejected = table.Column<int>(type: "integer", nullable: false),
                    Withdrawn = table.Column<int>(type: "integer", nullable: false),
                    DecidedWithinSla = table.Column<int>(type: "integer", nullable: false),
                    ProcessingDaysSum = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kpi_monthly", x => new { x.Month, x.ProcedureId, x.UnitId, x.Channel });
                });

            migrationBuilder.CreateTable(
                name: "kpi_processing_days",
                columns: table => new
                {
                    Grain = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    BusinessDays = table.Column<int>(type: "integer", nullable: false),
                    Cases = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kpi_processing_days", x => new { x.Grain, x.Month, x.ProcedureId, x.UnitId, x.Channel, x.BusinessDays });
                });

            migrationBuilder.CreateTable(
                name: "kpi_rollup_state",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Watermark = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RefreshedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_kpi_rollup_state", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "staff_time_standards",
                columns: table => new
                {
                    ProcedureId = table.Column<Guid>(type: "uuid", nullable: false),
                    CounterMinutes = table.Column<int>(type: "integer", nullable: false),
                    OnlineMinutes = table.Column<int>(type: "integer", nullable: false),
                    OnlineSince = table.Column<DateOnly>(type: "date", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staff_time_standards", x => x.ProcedureId);
                    table.ForeignKey(
                        name: "FK_staff_time_standards_procedures_ProcedureId",
                        column: x => x.ProcedureId,
                        principalTable: "procedures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "kpi_rollup_state",
                columns: new[] { "Id", "RefreshedAt", "Watermark" },
                values: new object[] { 1, null, new DateTimeOffset(new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)) });

            migrationBuilder.CreateIndex(
                name: "IX_drafts_CreatedAt",
                table: "drafts",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_drafts_UpdatedAt",
                table: "drafts",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_cases_backlog",
                table: "cases",
                columns: new[] { "Status", "ProcedureId", "OrganisationUnitId", "Channel", "SubmittedAt", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_cases_DecidedAt",
                table: "cases",
                column: "DecidedAt");

            migrationBuilder.CreateIndex(
                name: "IX_cases_SubmittedAt",
                table: "cases",
                column: "SubmittedAt");

            migrationBuilder.CreateIndex(
                name: "IX_cases_UpdatedAt",
                table: "cases",
                column: "UpdatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "kpi_funnel_monthly");

            migrationBuilder.DropTable(
                name: "kpi_monthly");

            migrationBuilder.DropTable(
                name: "kpi_processing_days");

            migrationBuilder.DropTable(
                name: "kpi_rollup_state");

            migrationBuilder.DropTable(
                name: "staff_time_standards");

            migrationBuilder.DropIndex(
                name: "IX_drafts_CreatedAt",
                table: "drafts");

            migrationBuilder.DropIndex(
                name: "IX_drafts_UpdatedAt",
                table: "drafts");

            migrationBuilder.DropIndex(
                name: "IX_cases_backlog",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_DecidedAt",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_SubmittedAt",
                table: "cases");

            migrationBuilder.DropIndex(
                name: "IX_cases_UpdatedAt",
                table: "cases");
        }
    }
}
