using CityDx.Application.Cases;
using CityDx.Application.Common;
using CityDx.Domain.Cases;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Applications;

/// <summary>
/// One of the citizen's own applications: the answers as filed (against the pinned form version),
/// the status and the timeline with the staff's comments. Null when it is not theirs.
/// </summary>
public static class GetMyApplication
{
    public sealed record Query(Guid Id) : IQuery<Detail?>;

    public sealed record Detail(
        Guid Id,
        string ReceiptNumber,
        string ProcedureNameJa,
        string ProcedureNameEn,
        string Status,
        DateTimeOffset SubmittedAt,
        DateOnly? DueDate,
        string UnitNameJa,
        string UnitNameEn,
        IReadOnlyList<AnsweredField> Answers,
        IReadOnlyList<HistoryLine> History,
        IReadOnlyList<AttachmentLine> Attachments,
        int Version,
        bool CanWithdraw,
        ProxyDetails? Proxy,
        FeeLine Fee,
        CorrectionLine? Correction,
        IReadOnlyList<MessageLine> Messages,
        bool CanReply,
        IReadOnlyList<DocumentLine> Documents)
    {
        /// <summary>Review waits for the fee due at filing: the page says so.</summary>
        public bool AwaitingPayment { get; init; }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, Detail?>
    {
        public async ValueTask<Detail?> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            if (await CaseView.LoadAsync(db, db.OwnedBy(userId), query.Id, cancellationToken) is not { } view)
            {
                return null;
            }

            var (@case, procedure, version, unit, attachments) = view;
            // Internal notes never leave the staff side; expired documents are no longer offered.
            var messages = await db.CaseMessages.AsNoTracking()
                .Where(m => m.CaseId == @case.Id && m.Kind != MessageKind.InternalNote)
                .OrderBy(m => m.At).ThenBy(m => m.Id)
                .Select(m => new MessageLine(m.Id, m.At, m.Kind, m.Body)).ToListAsync(cancellationToken);
            var today = Domain.JapanTime.DateOf(clock.GetUtcNow());
            var documents = await db.IssuedDocuments.AsNoTracking()
                .Where(d => d.CaseId == @case.Id && d.ExpiresOn >= today)
                .OrderBy(d => d.IssuedAt)
                .Select(d => new DocumentLine(d.Id, d.File.FileName, d.File.Size, d.IssuedAt, d.ExpiresOn, false)).ToListAsync(cancellationToken);
            var workflow = procedure.Workflow;
            return new Detail(
                @case.Id, @case.ReceiptNumber, procedure.NameJa, procedure.NameEn, workflow.CitizenStatus(@case.Status), @case.SubmittedAt, @case.DueDate,
                unit.NameJa, unit.NameEn,
                view.Answers,
                // The citizen sees changes of state in their own words; assignment and escalation are internal.
                @case.History.Where(h => h.FromStatus != h.ToStatus).OrderBy(h => h.At).ThenBy(h => h.Id)
                    .Select(h => new HistoryLine(h.At, h.FromStatus is { } f ? new StateLabel(workflow.CitizenStatus(f)) : null,
                        new StateLabel(workflow.CitizenStatus(h.ToStatus)), h.Action, h.Comment, h.ActorUserId == userId))
                    .ToList(),
                attachments,
                @case.Version,
                workflow.Find(@case.Status, CaseAction.Withdraw, WorkflowRole.Applicant) is not null,
                @case.FiledByProxy ? new ProxyDetails(@case.SubjectName!, @case.SubjectNameKana ?? "", @case.ProxyRelationship ?? "") : null,
                new FeeLine(@case.FeeYen, @case.PaymentState, @case.PaymentReference),
                RequestCorrection.OpenOn(@case, version.Definition),
                messages,
                workflow.AcceptsMessages(@case.Status),
                documents)
            {
                AwaitingPayment = Payments.FeePaymentLine.AwaitsPayment(workflow, @case),
            };
        }
    }
}
