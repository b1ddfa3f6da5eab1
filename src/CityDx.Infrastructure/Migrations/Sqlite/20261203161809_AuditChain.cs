using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CityDx.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "GaveUpAt",
                table: "outbox_messages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ChainSeq",
                table: "case_history",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ErasableDigest",
                table: "case_history",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "case_history",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrevHash",
                table: "case_history",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ChainSeq",
                table: "audit_entries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Changes",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrevHash",
                table: "audit_entries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_chain_anchors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TableName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ChainSeq = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_chain_anchors", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_case_history_ChainSeq",
                table: "case_history",
                column: "ChainSeq",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_ChainSeq",
                table: "audit_entries",
                column: "ChainSeq",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_audit_chain_anchors_TableName_ChainSeq",
                table: "audit_chain_anchors",
                columns: new[] { "TableName", "ChainSeq" },
                unique: true);

            // The retention purge may delete audit entries older than the cut-off it writes into
            // retention_window, and only it may write the anchors. (SQLite has no sha256(): the
            // application chains new rows, AuditChain.ChainAdded; rows written before this version stay unchained.)
            migrationBuilder.Sql("""
                ALTER TABLE retention_window ADD COLUMN audit_before INTEGER;
                DROP TRIGGER audit_entries_no_delete;
                CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
                WHEN NOT EXISTS (SELECT 1 FROM retention_window w WHERE w.audit_before IS NOT NULL AND OLD."At" < w.audit_before)
                BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
                CREATE TRIGGER audit_chain_anchors_insert BEFORE INSERT ON audit_chain_anchors
                WHEN NOT EXISTS (SELECT 1 FROM retention_window)
                BEGIN SELECT RAISE(ABORT, 'audit_chain_anchors is written by the retention purge only'); END;
                CREATE TRIGGER audit_chain_anchors_no_update BEFORE UPDATE ON audit_chain_anchors
                BEGIN SELECT RAISE(ABORT, 'audit_chain_anchors is written by the retention purge only'); END;
                CREATE TRIGGER audit_chain_anchors_no_delete BEFORE DELETE ON audit_chain_anchors
                BEGIN SELECT RAISE(ABORT, 'audit_chain_anchors is written by the retention purge only'); END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS audit_chain_anchors_insert;
                DROP TRIGGER IF EXISTS audit_chain_anchors_no_update;
                DROP TRIGGER IF EXISTS audit_chain_anchors_no_delete;
                DROP TRIGGER IF EXISTS audit_entries_no_delete;
                CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit_entries is append-only'); END;
                ALTER TABLE retention_window DROP COLUMN audit_before;
                """);

            migrationBuilder.DropTable(
                name: "audit_chain_anchors");

            migrationBuilder.DropIndex(
                name: "IX_case_history_ChainSeq",
                table: "case_history");

            migrationBuilder.DropIndex(
                name: "IX_audit_entries_ChainSeq",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "GaveUpAt",
                table: "outbox_messages");

            migrationBuilder.DropColumn(
                name: "ChainSeq",
                table: "case_history");

            migrationBuilder.DropColumn(
                name: "ErasableDigest",
                table: "case_history");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "case_history");

            migrationBuilder.DropColumn(
                name: "PrevHash",
                table: "case_history");

            migrationBuilder.DropColumn(
                name: "ChainSeq",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "Changes",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "audit_entries");

            migrationBuilder.DropColumn(
                name: "PrevHash",
                table: "audit_entries");
        }
    }
}
