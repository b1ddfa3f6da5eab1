using System.Diagnostics;
using CityDx.Domain.Cases;
using CityDx.Domain.Japanese;
using Npgsql;
using NpgsqlTypes;

namespace CityDx.TestData;

/// <summary>
/// Seeds N cases and their history through PostgreSQL's binary COPY, spread like a city's case
/// store: three years of filings with the spring moving-season peak, every published procedure
/// routed as it really is (the applicant's ward office, the central processing centre or the
/// owning unit), channels 85 % online / 10 % counter / 5 % post, recent cases mostly open and older
/// ones mostly decided, some open ones assigned to the unit's staff, every case awaiting a
/// correction and 8 % of the others with a correction request in their history. Applicants are
/// 20,000 benchmark citizen accounts (and visitors without one at the counter or by post).
/// The one seeder of tools/CityDx.Benchmarks and of the KPI benchmark test (a linked source file).
/// </summary>
public static class CaseSeeder
{
    private const int Citizens = 20_000;
    private const int Days = 3 * 365;

    private static readonly string[] FamilyNames = ["ヤマダ", "スズキ", "タナカ", "ナカムラ", "コバヤシ", "イトウ", "ワタナベ", "サトウ", "タカハシ", "マツモト", "イノウエ", "キムラ"];
    private static readonly string[] GivenNames = ["タロウ", "ハナコ", "ユイ", "ソウタ", "ミサキ", "ケンタ", "アオイ", "ハルト", "サクラ", "リク"];
    private static readonly string[] FamilyKanji = ["山田", "鈴木", "田中", "中村", "小林", "伊藤", "渡辺", "佐藤", "高橋", "松本", "井上", "木村"];
    private static readonly string[] GivenKanji = ["太郎", "花子", "結衣", "蒼太", "美咲", "健太", "葵", "陽翔", "さくら", "陸"];

    private sealed record ProcedureRow(Guid Id, Guid FormVersionId, int Routing, Guid OwningUnitId, int Days);

    public static async Task<long> CountAsync(NpgsqlDataSource db) =>
        (long)(await db.CreateCommand("SELECT count(*) FROM cases").ExecuteScalarAsync())!;

    /// <summary>True when the dashboard's roll-ups were never built on this database.</summary>
    public static async Task<bool> RollupsMissingAsync(NpgsqlDataSource db) =>
        (bool)(await db.CreateCommand("""SELECT NOT EXISTS (SELECT 1 FROM kpi_rollup_state WHERE "RefreshedAt" IS NOT NULL) OR NOT EXISTS (SELECT 1 FROM kpi_monthly)""").ExecuteScalarAsync())!;

    /// <summary>Sends the roll-up watermark back to the start, so the app's next run rebuilds every month.</summary>
    public static async Task ResetRollupsAsync(NpgsqlDataSource db) =>
        await db.CreateCommand("""UPDATE kpi_rollup_state SET "Watermark" = '1970-01-01T00:00:00Z', "RefreshedAt" = NULL""").ExecuteNonQueryAsync();

    public static async Task VacuumAsync(NpgsqlDataSource db)
    {
        foreach (var statement in new[] { "VACUUM ANALYZE cases", "VACUUM ANALYZE case_history", "ANALYZE \"AspNetUsers\"" })
        {
            await db.CreateCommand(statement).ExecuteNonQueryAsync(); // one by one: VACUUM refuses a multi-statement batch
        }
    }

    /// <summary>Replaces every case (and the benchmark accounts) with <paramref name="count"/> new ones; <paramref name="log"/> hears the progress.</summary>
    public static async Task SeedAsync(NpgsqlDataSource db, int count, Action<string> log)
    {
        var clock = Stopwatch.StartNew();
        await using (var clear = db.CreateCommand("""
            ALTER TABLE case_history DISABLE TRIGGER USER;
            TRUNCATE case_history, cases CASCADE;
            ALTER TABLE case_history ENABLE TRIGGER USER;
            DELETE FROM "AspNetUsers" WHERE "Id" LIKE 'bench-%';
            """))
        {
            await clear.ExecuteNonQueryAsync();
        }

        await using (var users = db.CreateCommand($"""
            INSERT INTO "AspNetUsers" ("Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "EmailConfirmed",
                "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount",
                "DisplayName", "PreferredCulture")
            SELECT 'bench-' || n, 'bench' || n || '@example.jp', upper('bench' || n || '@example.jp'), 'bench' || n || '@example.jp',
                upper('bench' || n || '@example.jp'), true, md5(n::text), md5(n::text), false, false, true, 0, 'ベンチ ' || n, 'ja'
            FROM generate_series(1, {Citizens}) AS n
            """))
        {
            await users.ExecuteNonQueryAsync();
        }

        var procedures = new List<ProcedureRow>();
        await using (var read = await db.CreateCommand("""
            SELECT "Id", "CurrentFormVersionId", "Routing", "OwningUnitId", "StandardProcessingDays"
            FROM procedures WHERE "IsPublished" AND "CurrentFormVersionId" IS NOT NULL
            """).ExecuteReaderAsync())
        {
            while (await read.ReadAsync())
            {
                procedures.Add(new ProcedureRow(read.GetGuid(0), read.GetGuid(1), read.GetInt32(2), read.GetGuid(3), read.GetInt32(4)));
            }
        }

        var wards = await IdsAsync(db, """SELECT "Id" FROM organisation_units WHERE "Kind" = 1 ORDER BY "SortOrder" """);
        var central = (await IdsAsync(db, """SELECT "Id" FROM organisation_units WHERE "Kind" = 3""")).First();
        var staff = new Dictionary<Guid, List<string>>();
        await using (var read = await db.CreateCommand("""SELECT "OrganisationUnitId", "UserId" FROM staff_memberships""").ExecuteReaderAsync())
        {
            while (await read.ReadAsync())
            {
                var unit = read.GetGuid(0);
                (staff.TryGetValue(unit, out var list) ? list : staff[unit] = []).Add(read.GetString(1));
            }
        }

        var random = new Random(20260401);
        var corrections = new Random(8); // a generator of its own, so the cases drawn above stay as they were
        var calendar = new BusinessCalendar();
        var receipts = new HashSet<string>(count);
        var today = DateTimeOffset.UtcNow;
        var history = new List<(Guid Case, DateTimeOffset At, string Actor, string Role, string Action, string? From, string To)>(count * 2);

        // Bulk load as PostgreSQL's documentation advises: the secondary indexes are dropped and built
        // once after the COPY, autovacuum waits, and (for a superuser) the foreign keys, which hold by
        // construction, are not checked row by row.
        var indexes = new List<string>();
        await using (var read = await db.CreateCommand("""
            SELECT i.indexname, i.indexdef FROM pg_indexes i
            WHERE i.schemaname = current_schema() AND i.tablename = 'cases'
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
            """).ExecuteReaderAsync())
        {
            while (await read.ReadAsync())
            {
                indexes.Add(read.GetString(1));
                await using var drop = db.CreateCommand($"DROP INDEX \"{read.GetString(0)}\"");
                await drop.ExecuteNonQueryAsync();
            }
        }

        try
        {
            await db.CreateCommand("ALTER TABLE cases SET (autovacuum_enabled = false)").ExecuteNonQueryAsync();
            log($"Seeding {count:N0} cases through COPY ({indexes.Count} secondary indexes dropped until it is done)…");
            await using (var connection = await db.OpenConnectionAsync())
            {
                await SkipForeignKeyChecksAsync(connection);

                await using (var copy = await connection.BeginBinaryImportAsync("""
                    COPY cases ("Id", "AnswersJson", "ApplicantName", "ApplicantUserId", "AssigneeUserId", "Channel", "DecidedAt", "DueDate",
                        "FormVersionId", "NameSearchKey", "OrganisationUnitId", "PaymentState", "ProcedureId", "ReceiptNumber", "Status",
                        "SubmissionKey", "SubmittedAt", "UpdatedAt", "Version", "SubjectName", "SubjectNameKana") FROM STDIN (FORMAT BINARY)
                    """))
                {
                    for (var i = 0; i < count; i++)
                    {
                        var procedure = procedures[random.Next(procedures.Count)];
                        var unit = procedure.Routing switch
                        {
                            0 => wards[random.Next(wards.Count)],
                            1 => central,
                            _ => procedure.OwningUnitId,
                        };
                        var age = AgeInDays(random);
                        var filed = today.AddDays(-age).AddSeconds(-random.Next(86_400));
                        filed = new DateTimeOffset(filed.UtcTicks - (filed.UtcTicks % 10), TimeSpan.Zero); // PostgreSQL keeps microseconds
                        var channel = random.Next(100) switch { < 85 => Channel.Online, < 95 => Channel.Counter, _ => Channel.Mail };
                        var applicant = channel == Channel.Online || random.Next(2) == 0 ? "bench-" + (1 + random.Next(Citizens)) : null;
                        var (status, decided) = StatusFor(age, random);
                        string? assignee = null;
                        if (status is CaseStatus.UnderReview or CaseStatus.AwaitingApproval or CaseStatus.AwaitingCorrection && staff.TryGetValue(unit, out var members))
                        {
                            assignee = members[random.Next(members.Count)];
                        }

                        var family = random.Next(FamilyNames.Length);
                        var given = random.Next(GivenNames.Length);
                        string receipt;
                        do
                        {
                            receipt = ReceiptNumber.Generate();
                        }
                        while (!receipts.Add(receipt));

                        var id = Guid.CreateVersion7(filed);
                        var due = calendar.AddBusinessDays(DateOnly.FromDateTime(filed.UtcDateTime.AddHours(9)), procedure.Days);
                        var decidedAt = decided ? filed.AddDays(random.Next(1, Math.Max(2, procedure.Days + 5))) : (DateTimeOffset?)null;
                        await copy.StartRowAsync();
                        await copy.WriteAsync(id, NpgsqlDbType.Uuid);
                        await copy.WriteAsync("""{"phone":"06-6208-8181"}""", NpgsqlDbType.Text);
                        await copy.WriteAsync(FamilyKanji[family] + " " + GivenKanji[given], NpgsqlDbType.Varchar);
                        await WriteNullableAsync(copy, applicant);
                        await WriteNullableAsync(copy, assignee);
                        await copy.WriteAsync((int)channel, NpgsqlDbType.Integer);
                        if (decidedAt is { } d)
                        {
                            await copy.WriteAsync(d, NpgsqlDbType.TimestampTz);
                        }
                        else
                        {
                            await copy.WriteNullAsync();
                        }

                        await copy.WriteAsync(due, NpgsqlDbType.Date);
                        await copy.WriteAsync(procedure.FormVersionId, NpgsqlDbType.Uuid);
                        await copy.WriteAsync(FamilyNames[family] + GivenNames[given], NpgsqlDbType.Varchar);
                        await copy.WriteAsync(unit, NpgsqlDbType.Uuid);
                        await copy.WriteAsync(0, NpgsqlDbType.Integer);
                        await copy.WriteAsync(procedure.Id, NpgsqlDbType.Uuid);
                        await copy.WriteAsync(receipt, NpgsqlDbType.Varchar);
                        await copy.WriteAsync(status, NpgsqlDbType.Varchar);
                        await copy.WriteAsync(Guid.NewGuid(), NpgsqlDbType.Uuid);
                        await copy.WriteAsync(filed, NpgsqlDbType.TimestampTz);
                        await copy.WriteAsync(decidedAt ?? filed, NpgsqlDbType.TimestampTz);
                        await copy.WriteAsync(decided ? 2 : 1, NpgsqlDbType.Integer);
                        await copy.WriteAsync(FamilyKanji[family] + " " + GivenKanji[given], NpgsqlDbType.Varchar);
                        await copy.WriteAsync(FamilyNames[family] + " " + GivenNames[given], NpgsqlDbType.Varchar);

                        history.Add((id, filed, applicant ?? "bench-counter", applicant is null ? "Staff" : "Applicant", "Submit", null, CaseStatus.Submitted));
                        if (status == CaseStatus.AwaitingCorrection || corrections.Next(100) < 8)
                        {
                            history.Add((id, filed.AddHours(5), assignee ?? "bench-staff", "Staff", CaseAction.RequestCorrection, CaseStatus.UnderReview, CaseStatus.AwaitingCorrection));
                        }

                        if (decidedAt is { } at)
                        {
                            var action = status switch
                            {
                                CaseStatus.Completed => CaseAction.Complete,
                                CaseStatus.Rejected => CaseAction.Reject,
                                CaseStatus.Withdrawn => CaseAction.Withdraw,
                                _ => CaseAction.Approve,
                            };
                            history.Add((id, at, assignee ?? "bench-staff", status == CaseStatus.Withdrawn ? "Applicant" : "Approver", action, CaseStatus.UnderReview, status));
                        }

                        if ((i + 1) % 100_000 == 0)
                        {
                            log($"  {i + 1:N0} cases ({clock.Elapsed.TotalSeconds:F0} s)");
                        }
                    }

                    await copy.CompleteAsync();
                }
            }

            log($"  {count:N0} cases in {clock.Elapsed.TotalSeconds:F0} s; building {indexes.Count} indexes…");
        }
        finally
        {
            // Also when the load fails: the app is never left without its indexes.
            foreach (var definition in indexes)
            {
                await using var create = db.CreateCommand(definition);
                create.CommandTimeout = 0;
                await create.ExecuteNonQueryAsync();
            }

            await db.CreateCommand("ALTER TABLE cases RESET (autovacuum_enabled)").ExecuteNonQueryAsync();
        }

        log($"  indexes in {clock.Elapsed.TotalSeconds:F0} s; {history.Count:N0} history lines…");
        await using (var connection = await db.OpenConnectionAsync())
        {
            await SkipForeignKeyChecksAsync(connection);
            await CopyHistoryAsync(connection, history);
        }

        // VACUUM as well: a table loaded a moment ago has no visibility map yet, so every
        // "index-only" scan would still visit the heap (what autovacuum does in time on a live system).
        log($"  history in {clock.Elapsed.TotalSeconds:F0} s; VACUUM ANALYZE…");
        await VacuumAsync(db);

        log($"Seeded in {clock.Elapsed.TotalSeconds:F0} s.");
    }

    /// <summary>
    /// The seeded rows' foreign keys hold by construction: skip the per-row checks on this connection
    /// where the account may (a superuser), as a restore would.
    /// </summary>
    private static async Task SkipForeignKeyChecksAsync(NpgsqlConnection connection)
    {
        await using var replica = new NpgsqlCommand("DO $$ BEGIN IF (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) THEN SET session_replication_role = replica; END IF; END $$", connection);
        await replica.ExecuteNonQueryAsync();
    }

    private static async Task CopyHistoryAsync(NpgsqlConnection connection, List<(Guid Case, DateTimeOffset At, string Actor, string Role, string Action, string? From, string To)> history)
    {
        await using (var copy = await connection.BeginBinaryImportAsync("""
            COPY case_history ("CaseId", "At", "ActorUserId", "ActorRole", "Action", "FromStatus", "ToStatus") FROM STDIN (FORMAT BINARY)
            """))
        {
            foreach (var h in history)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(h.Case, NpgsqlDbType.Uuid);
                await copy.WriteAsync(h.At, NpgsqlDbType.TimestampTz);
                await copy.WriteAsync(h.Actor, NpgsqlDbType.Varchar);
                await copy.WriteAsync(h.Role, NpgsqlDbType.Varchar);
                await copy.WriteAsync(h.Action, NpgsqlDbType.Varchar);
                await WriteNullableAsync(copy, h.From);
                await copy.WriteAsync(h.To, NpgsqlDbType.Varchar);
            }

            await copy.CompleteAsync();
        }
    }

    /// <summary>Days since filing: more recent cases than old ones (the store grows), and each spring's peak.</summary>
    private static int AgeInDays(Random random)
    {
        while (true)
        {
            var age = random.Next(Days);
            var date = DateTime.UtcNow.AddDays(-age);
            var weight = (1.0 - 0.4 * age / Days) * (date.Month is 3 or 4 ? 2.0 : 1.0);
            if (random.NextDouble() * 2.0 < weight)
            {
                return age;
            }
        }
    }

    /// <summary>Recent cases mostly open, older ones mostly decided, a few stuck and overdue.</summary>
    private static (string Status, bool Decided) StatusFor(int age, Random random)
    {
        var open = age switch { < 14 => 0.95, < 60 => 0.5, _ => 0.02 };
        if (random.NextDouble() < open)
        {
            return random.Next(100) switch
            {
                < 35 => (CaseStatus.Submitted, false),
                < 75 => (CaseStatus.UnderReview, false),
                < 82 => (CaseStatus.AwaitingCorrection, false),
                _ => (CaseStatus.AwaitingApproval, false),
            };
        }

        return random.Next(100) switch
        {
            < 80 => (CaseStatus.Completed, true),
            < 86 => (CaseStatus.Approved, true),
            < 94 => (CaseStatus.Rejected, true),
            _ => (CaseStatus.Withdrawn, true),
        };
    }

    private static async Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value)
    {
        if (value is null)
        {
            await copy.WriteNullAsync();
        }
        else
        {
            await copy.WriteAsync(value, NpgsqlDbType.Varchar);
        }
    }

    private static async Task<List<Guid>> IdsAsync(NpgsqlDataSource db, string sql)
    {
        var ids = new List<Guid>();
        await using var read = await db.CreateCommand(sql).ExecuteReaderAsync();
        while (await read.ReadAsync())
        {
            ids.Add(read.GetGuid(0));
        }

        return ids;
    }
}
