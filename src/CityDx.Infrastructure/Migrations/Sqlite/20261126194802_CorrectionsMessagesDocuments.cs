using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityDx.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CorrectionsMessagesDocuments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "ClockPausedAt",
                table: "cases",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CorrectionFieldKeys",
                table: "cases",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "answer_revisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    ActorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    PreviousAnswersJson = table.Column<string>(type: "TEXT", nullable: false),
                    NewAnswersJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_answer_revisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_answer_revisions_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "case_messages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    AuthorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_case_messages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_case_messages_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "issued_documents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CaseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StorageKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    IssuedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_issued_documents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_issued_documents_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_answer_revisions_CaseId_At",
                table: "answer_revisions",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_case_messages_CaseId_At",
                table: "case_messages",
                columns: new[] { "CaseId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_issued_documents_CaseId",
                table: "issued_documents",
                column: "CaseId");

            // Answer revisions and case messages are a record: append-only, also for anything that bypasses the application.
            migrationBuilder.Sql("""
                CREATE TRIGGER answer_revisions_no_update
                BEFORE UPDATE ON answer_revisions
                BEGIN
                    SELECT RAISE(ABORT, 'answer_revisions is append-only');
                END;
                CREATE TRIGGER answer_revisions_no_delete
                BEFORE DELETE ON answer_revisions
                BEGIN
                    SELECT RAISE(ABORT, 'answer_revisions is append-only');
                END;
                CREATE TRIGGER case_messages_no_update
                BEFORE UPDATE ON case_messages
                BEGIN
                    SELECT RAISE(ABORT, 'case_messages is append-only');
                END;
                CREATE TRIGGER case_messages_no_delete
                BEFORE DELETE ON case_messages
                BEGIN
                    SELECT RAISE(ABORT, 'case_messages is append-only');
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS answer_revisions_no_update; DROP TRIGGER IF EXISTS answer_revisions_no_delete; DROP TRIGGER IF EXISTS case_messages_no_update; DROP TRIGGER IF EXISTS case_messages_no_delete;");

            migrationBuilder.DropTable(
                name: "answer_revisions");

            migrationBuilder.DropTable(
                name: "case_messages");

            migrationBuilder.DropTable(
                name: "issued_documents");

            migrationBuilder.DropColumn(
                name: "ClockPausedAt",
                table: "cases");

            migrationBuilder.DropColumn(
                name: "CorrectionFieldKeys",
                table: "cases");
        }
    }
}
