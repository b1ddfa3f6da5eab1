using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityDx.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FeatCounter : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "counter_receptions",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubmissionKey = table.Column<Guid>(type: "uuid", nullable: false),
                    FiledByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    ReceivingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    IdentityCheck = table.Column<int>(type: "integer", nullable: false),
                    IdentityNote = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    VisitorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    VisitorNameKana = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    VisitorPhone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    VisitorPostalCode = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    VisitorAddress = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    VisitorEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    FiledAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_counter_receptions", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_counter_receptions_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_counter_receptions_organisation_units_ReceivingUnitId",
                        column: x => x.ReceivingUnitId,
                        principalTable: "organisation_units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_counter_receptions_ReceivingUnitId_FiledAt",
                table: "counter_receptions",
                columns: new[] { "ReceivingUnitId", "FiledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_counter_receptions_SubmissionKey",
                table: "counter_receptions",
                column: "SubmissionKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "counter_receptions");
        }
    }
}
