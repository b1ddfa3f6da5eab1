using CityDx.Domain.Cases;
using CityDx.Domain.Payments;
using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Payments;

/// <summary>A payment or refund of a case's fee as the case page lists it.</summary>
public sealed record FeePaymentLine(FeePaymentKind Kind, int AmountYen, DateOnly On, string Channel, string? Reference, string? Reason, DateTimeOffset RecordedAt)
{
    public static async Task<List<FeePaymentLine>> OfCaseAsync(CityDxDbContext db, Guid caseId, CancellationToken cancellationToken) =>
        await db.FeePayments.AsNoTracking().Where(p => p.CaseId == caseId).OrderBy(p => p.RecordedAt)
            .Select(p => new FeePaymentLine(p.Kind, p.AmountYen, p.On, p.Channel, p.Reference, p.Reason, p.RecordedAt)).ToListAsync(cancellationToken);

    /// <summary>Review waits for the fee due at filing (the workflow's payment gate).</summary>
    public static bool AwaitsPayment(CaseWorkflow workflow, Case @case) =>
        workflow.PaymentBeforeReview && @case.FeeDueAtFiling && @case.FeeUnpaid;
}
