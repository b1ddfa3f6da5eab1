using CityDx.Infrastructure.Persistence;

namespace CityDx.Web.Startup;

/// <summary>
/// <c>dotnet run --project src/CityDx.Web -- --verify-audit</c> (or <c>CityDx.Web --verify-audit</c>):
/// checks the hash chains of the audit log and the case history against the configured database,
/// prints the result and exits — 0 when intact, 1 with the first altered or removed row otherwise
/// (docs/operations.md, "Verifying the audit log"). The web server does not start.
/// </summary>
public static class AuditVerification
{
    public const string Switch = "--verify-audit";

    public static async Task<int> VerifyAuditAsync(this IServiceProvider services, TextWriter output, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(cancellationToken);
        await output.WriteLineAsync($"Audit log: {report.AuditRows} entries checked. Case history: {report.HistoryRows} entries checked.");
        if (report.Unchained > 0)
        {
            await output.WriteLineAsync($"{report.Unchained} rows were written before the chain existed and are not covered.");
        }

        foreach (var finding in report.Findings)
        {
            await output.WriteLineAsync($"TAMPERING: {finding}");
        }

        await output.WriteLineAsync(report.Intact ? "Intact." : "NOT intact: see docs/operations.md, \"Verifying the audit log\".");
        return report.Intact ? 0 : 1;
    }
}
