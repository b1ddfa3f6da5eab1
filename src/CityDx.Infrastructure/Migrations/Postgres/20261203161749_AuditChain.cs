using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace CityDx.Infrastructure.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "GaveUpAt",
                table: "outbox_messages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ChainSeq",
                table: "case_history",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ErasableDigest",
                table: "case_history",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "case_history",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrevHash",
                table: "case_history",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ChainSeq",
                table: "audit_entries",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Changes",
                table: "audit_entries",
                type: "character varying(8000)",
                maxLength: 8000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "audit_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrevHash",
                table: "audit_entries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "audit_chain_anchors",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TableName = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ChainSeq = table.Column<long>(type: "bigint", nullable: false),
                    Hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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

            // Tamper evidence (docs/security.md): a BEFORE INSERT trigger numbers and hashes every new
            // audit and history row under one transaction-level advisory lock (so concurrent writers
            // queue for the next number), in the format of AuditChain.cs; existing rows are chained
            // here in id order. The retention purge may delete audit entries older than the cut-off
            // it writes into retention_window, and only it may write the anchors.
            migrationBuilder.Sql("""
                ALTER TABLE retention_window ADD COLUMN audit_before timestamptz;

                CREATE FUNCTION chain_field(v text) RETURNS text LANGUAGE sql IMMUTABLE AS
                $$ SELECT coalesce(octet_length(v)::text || ':' || v, '~') $$;
                CREATE FUNCTION chain_hash(prev text, canonical text) RETURNS text LANGUAGE sql IMMUTABLE AS
                $$ SELECT encode(sha256(convert_to(prev || '|' || canonical, 'UTF8')), 'hex') $$;
                CREATE FUNCTION chain_instant(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE AS
                $$ SELECT floor(extract(epoch FROM t) * 1000)::bigint::text $$;
                CREATE FUNCTION audit_entry_canonical(e audit_entries) RETURNS text LANGUAGE sql STABLE AS
                $$ SELECT concat_ws('|', chain_field(e."ChainSeq"::text), chain_field(chain_instant(e."At")), chain_field(e."ActorId"),
                    chain_field(e."ActorKind"::text), chain_field(e."Action"), chain_field(e."Outcome"::text), chain_field(e."CaseId"::text),
                    chain_field(e."ReceiptNumber"), chain_field(e."Detail"), chain_field(e."Changes")) $$;
                CREATE FUNCTION case_history_erasable_digest(h case_history) RETURNS text LANGUAGE sql STABLE AS
                $$ SELECT encode(sha256(convert_to(chain_field(h."ActorUserId") || '|' || chain_field(h."Comment"), 'UTF8')), 'hex') $$;
                CREATE FUNCTION case_history_canonical(h case_history) RETURNS text LANGUAGE sql STABLE AS
                $$ SELECT concat_ws('|', chain_field(h."ChainSeq"::text), chain_field(h."CaseId"::text), chain_field(chain_instant(h."At")),
                    chain_field(h."ActorRole"), chain_field(h."Action"), chain_field(h."FromStatus"), chain_field(h."ToStatus"), chain_field(h."ErasableDigest")) $$;

                CREATE FUNCTION chain_last(tbl text, OUT seq bigint, OUT hash text) LANGUAGE plpgsql AS $$
                BEGIN
                    PERFORM pg_advisory_xact_lock(hashtext('citydx-audit-chain'));
                    EXECUTE format('SELECT "ChainSeq", "Hash" FROM %I WHERE "ChainSeq" IS NOT NULL ORDER BY "ChainSeq" DESC LIMIT 1', tbl) INTO seq, hash;
                    IF seq IS NULL THEN
                        SELECT a."ChainSeq", a."Hash" INTO seq, hash FROM audit_chain_anchors a WHERE a."TableName" = tbl ORDER BY a."ChainSeq" DESC LIMIT 1;
                    END IF;
                    seq := coalesce(seq, 0);
                    hash := coalesce(hash, repeat('0', 64));
                END $$;
                CREATE FUNCTION audit_entries_chain() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE last record;
                BEGIN
                    SELECT * INTO last FROM chain_last(TG_TABLE_NAME);
                    NEW."ChainSeq" := last.seq + 1;
                    NEW."PrevHash" := last.hash;
                    NEW."Hash" := chain_hash(NEW."PrevHash", audit_entry_canonical(NEW));
                    RETURN NEW;
                END $$;
                CREATE FUNCTION case_history_chain() RETURNS trigger LANGUAGE plpgsql AS $$
                DECLARE last record;
                BEGIN
                    SELECT * INTO last FROM chain_last(TG_TABLE_NAME);
                    NEW."ChainSeq" := last.seq + 1;
                    NEW."PrevHash" := last.hash;
                    NEW."ErasableDigest" := case_history_erasable_digest(NEW);
                    NEW."Hash" := chain_hash(NEW."PrevHash", case_history_canonical(NEW));
                    RETURN NEW;
                END $$;

                ALTER TABLE audit_entries DISABLE TRIGGER audit_entries_no_update_or_delete;
                DO $$
                DECLARE r audit_entries; prev text := repeat('0', 64); n bigint := 0;
                BEGIN
                    FOR r IN SELECT * FROM audit_entries ORDER BY "Id" LOOP
                        n := n + 1;
                        r."ChainSeq" := n;
                        r."PrevHash" := prev;
                        r."Hash" := chain_hash(prev, audit_entry_canonical(r));
                        UPDATE audit_entries SET "ChainSeq" = r."ChainSeq", "PrevHash" = r."PrevHash", "Hash" = r."Hash" WHERE "Id" = r."Id";
                        prev := r."Hash";
                    END LOOP;
                END $$;
                ALTER TABLE audit_entries ENABLE TRIGGER audit_entries_no_update_or_delete;
                ALTER TABLE case_history DISABLE TRIGGER case_history_no_update_or_delete;
                DO $$
                DECLARE r case_history; prev text := repeat('0', 64); n bigint := 0;
                BEGIN
                    FOR r IN SELECT * FROM case_history ORDER BY "Id" LOOP
                        n := n + 1;
                        r."ChainSeq" := n;
                        r."PrevHash" := prev;
                        r."ErasableDigest" := case_history_erasable_digest(r);
                        r."Hash" := chain_hash(prev, case_history_canonical(r));
                        UPDATE case_history SET "ChainSeq" = r."ChainSeq", "PrevHash" = r."PrevHash", "ErasableDigest" = r."ErasableDigest", "Hash" = r."Hash" WHERE "Id" = r."Id";
                        prev := r."Hash";
                    END LOOP;
                END $$;
                ALTER TABLE case_history ENABLE TRIGGER case_history_no_update_or_delete;

                CREATE TRIGGER audit_entries_chain BEFORE INSERT ON audit_entries FOR EACH ROW EXECUTE FUNCTION audit_entries_chain();
                CREATE TRIGGER case_history_chain BEFORE INSERT ON case_history FOR EACH ROW EXECUTE FUNCTION case_history_chain();

                CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        IF EXISTS (SELECT 1 FROM retention_window w WHERE w.audit_before IS NOT NULL AND OLD."At" < w.audit_before) THEN
                            RETURN OLD;
                        END IF;
                    END IF;
                    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
                END $$;
                CREATE OR REPLACE FUNCTION case_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'UPDATE' AND EXISTS (SELECT 1 FROM retention_window) THEN
                        IF (NEW."Id", NEW."CaseId", NEW."At", NEW."ActorRole", NEW."Action", NEW."FromStatus", NEW."ToStatus",
                            NEW."ChainSeq", NEW."PrevHash", NEW."Hash", NEW."ErasableDigest")
                           IS DISTINCT FROM (OLD."Id", OLD."CaseId", OLD."At", OLD."ActorRole", OLD."Action", OLD."FromStatus", OLD."ToStatus",
                            OLD."ChainSeq", OLD."PrevHash", OLD."Hash", OLD."ErasableDigest") THEN
                            RAISE EXCEPTION 'retention may only erase the actor and the comment of case_history';
                        END IF;
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'case_history is append-only';
                END $$;
                CREATE FUNCTION audit_chain_anchors_guard() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'INSERT' AND EXISTS (SELECT 1 FROM retention_window) THEN
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'audit_chain_anchors is written by the retention purge only';
                END $$;
                CREATE TRIGGER audit_chain_anchors_guard BEFORE INSERT OR UPDATE OR DELETE ON audit_chain_anchors
                    FOR EACH ROW EXECUTE FUNCTION audit_chain_anchors_guard();
                CREATE TRIGGER audit_chain_anchors_no_truncate BEFORE TRUNCATE ON audit_chain_anchors
                    FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_anchors_guard();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {

            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS audit_entries_chain ON audit_entries;
                DROP TRIGGER IF EXISTS case_history_chain ON case_history;
                DROP TRIGGER IF EXISTS audit_chain_anchors_guard ON audit_chain_anchors;
                DROP TRIGGER IF EXISTS audit_chain_anchors_no_truncate ON audit_chain_anchors;
                DROP FUNCTION IF EXISTS audit_chain_anchors_guard();
                DROP FUNCTION IF EXISTS audit_entries_chain();
                DROP FUNCTION IF EXISTS case_history_chain();
                DROP FUNCTION IF EXISTS chain_last(text);
                DROP FUNCTION IF EXISTS audit_entry_canonical(audit_entries);
                DROP FUNCTION IF EXISTS case_history_canonical(case_history);
                DROP FUNCTION IF EXISTS case_history_erasable_digest(case_history);
                DROP FUNCTION IF EXISTS chain_instant(timestamptz);
                DROP FUNCTION IF EXISTS chain_hash(text, text);
                DROP FUNCTION IF EXISTS chain_field(text);
                ALTER TABLE retention_window DROP COLUMN IF EXISTS audit_before;
                CREATE OR REPLACE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
                END $$;
                CREATE OR REPLACE FUNCTION case_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM retention_window) THEN
                        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
                        RETURN NEW;
                    END IF;
                    RAISE EXCEPTION 'case_history is append-only';
                END $$;
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
