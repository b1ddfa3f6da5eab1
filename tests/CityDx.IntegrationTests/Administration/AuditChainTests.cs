using System.Net;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using CityDx.IntegrationTests.Infrastructure;
using CityDx.Web.Startup;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CityDx.IntegrationTests.Administration;

/// <summary>
/// Tamper evidence on PostgreSQL (issue #16, item 4): the audit log and the case history are hash
/// chains written by a trigger; <c>--verify-audit</c> passes on an untouched database and names the
/// first row that someone with superuser rights altered or removed with plain SQL.
/// </summary>
public sealed class AuditChainTests(CityDxFactory factory) : IClassFixture<CityDxFactory>
{
    private async Task<(int ExitCode, string Output)> VerifyAsync()
    {
        var output = new StringWriter();
        var code = await factory.Services.VerifyAuditAsync(output);
        return (code, output.ToString());
    }

    /// <summary>Plain SQL as a superuser would run it: with the append-only triggers switched off for this session.</summary>
    private async Task AsSuperuserAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(factory.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SET session_replication_role = replica; {sql}; SET session_replication_role = origin;", connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task Concurrent_writers_build_one_unbroken_chain_and_verification_finds_an_altered_row_and_a_removed_one()
    {
        var citizen = await PortalClient.SignedInAsync(factory, Demo.Citizen);
        var (caseId, _) = await Filing.FileDogRegistrationAsync(citizen);
        var kita = await PortalClient.SignedInAsync(factory, Demo.KitaStaff);
        Assert.Equal(HttpStatusCode.Redirect, (await kita.PostFormAsync($"/staff/cases/{caseId}", new() { ["Action"] = CaseAction.Approve, ["Comment"] = "確認しました" })).StatusCode);

        // Twenty reads at once, each writing an audit entry in its own transaction: they queue for the next number.
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => kita.Http.GetAsync($"/staff/cases/{caseId}")));
        var seqs = await ApiClients.QueryAsync(factory, db => db.AuditLog.OrderBy(e => e.ChainSeq).Select(e => e.ChainSeq).ToListAsync());
        Assert.True(seqs.Count >= 21);
        Assert.Equal(Enumerable.Range(1, seqs.Count).Select(i => (long?)i), seqs);

        var intact = await VerifyAsync();
        Assert.True(intact.ExitCode == 0, intact.Output);
        Assert.Contains("Intact.", intact.Output, StringComparison.Ordinal);

        // One audit entry's detail changed behind the application's back: found, by its number.
        var victim = await ApiClients.QueryAsync(factory, db => db.AuditLog.Where(e => e.CaseId == caseId && e.Detail == "Approve").Select(e => new { e.Id, e.ChainSeq }).SingleAsync());
        var (victimId, victimSeq) = (victim.Id, victim.ChainSeq);
        await AsSuperuserAsync($"UPDATE audit_entries SET \"Detail\" = 'Reject' WHERE \"Id\" = {victimId}");
        var altered = await VerifyAsync();
        Assert.Equal(1, altered.ExitCode);
        Assert.Contains($"audit_entries: the row was altered (chain number {victimSeq}, row id {victimId})", altered.Output, StringComparison.Ordinal);

        // Put back, the chain verifies again.
        await AsSuperuserAsync($"UPDATE audit_entries SET \"Detail\" = 'Approve' WHERE \"Id\" = {victimId}");
        Assert.Equal(0, (await VerifyAsync()).ExitCode);

        // A comment in the case history changed: found too (the comment is in the chain through its digest).
        var approval = await ApiClients.QueryAsync(factory, db => db.CaseHistory.Where(h => h.CaseId == caseId && h.Action == CaseAction.Approve).Select(h => new { h.Id, h.ChainSeq }).SingleAsync());
        await AsSuperuserAsync($"UPDATE case_history SET \"Comment\" = '問題なし' WHERE \"Id\" = {approval.Id}");
        Assert.Contains($"case_history: the row was altered (chain number {approval.ChainSeq}", (await VerifyAsync()).Output, StringComparison.Ordinal);
        await AsSuperuserAsync($"UPDATE case_history SET \"Comment\" = '確認しました' WHERE \"Id\" = {approval.Id}");
        Assert.Equal(0, (await VerifyAsync()).ExitCode);

        // A case history row deleted: the gap is reported where it is.
        var submit = await ApiClients.QueryAsync(factory, db => db.CaseHistory.Where(h => h.CaseId == caseId && h.Action == "Submit").Select(h => h.ChainSeq).SingleAsync());
        await AsSuperuserAsync($"DELETE FROM case_history WHERE \"ChainSeq\" = {submit}");
        var removed = await VerifyAsync();
        Assert.Equal(1, removed.ExitCode);
        Assert.Contains($"case_history: rows {submit}–{submit} were removed", removed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_chain_columns_are_the_triggers_not_the_writers()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CityDxDbContext>();
        var forged = new CityDx.Domain.Auditing.AuditEntry(DateTimeOffset.UtcNow, "someone", "case.read", CityDx.Domain.Auditing.AuditOutcome.Ok) { ChainSeq = 999_999, Hash = new string('a', 64) };
        db.AuditLog.Add(forged);
        await db.SaveChangesAsync();
        var stored = await db.AuditLog.AsNoTracking().SingleAsync(e => e.Id == forged.Id);
        Assert.NotEqual(999_999, stored.ChainSeq);
        Assert.Equal(64, stored.Hash!.Length);
        Assert.Equal(AuditChain.HashOf(stored.PrevHash!, AuditChain.AuditCanonical(stored)), stored.Hash);
    }
}
