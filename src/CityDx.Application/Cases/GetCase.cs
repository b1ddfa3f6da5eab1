using CityDx.Application.Common;
using CityDx.Application.Payments;
using CityDx.Domain.Cases;
using CityDx.Domain.Japanese;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Cases;

/// <summary>
/// 案件詳細: a case of one of the staff member's units, with the answers rendered against the
/// pinned form version, the history and the actions this person may take now. Null (404) for a
/// case of another unit.
/// </summary>
public static class GetCase
{
    public sealed record Query(Guid Id) : IQuery<Detail?>, IAuditedCaseRequest { Guid IAuditedCaseRequest.CaseId => Id; public string AuditAction => Domain.Auditing.AuditActions.CaseRead; }

    public sealed record Detail(
        Guid Id,
        string ReceiptNumber,
        string ProcedureNameJa,
        string ProcedureNameEn,
        string UnitNameJa,
        string UnitNameEn,
        StateLabel Status,
        Channel Channel,
        DateTimeOffset SubmittedAt,
        DateOnly? DueDate,
        string ApplicantName,
        int FormVersion,
        int Version,
        IReadOnlyList<AnsweredField> Answers,
        IReadOnlyList<HistoryLine> History,
        IReadOnlyList<ActionLabel> AvailableActions,
        IReadOnlyList<AttachmentLine> Attachments,
        ProxyDetails? Proxy,
        FeeLine Fee,
        CorrectionLine? Correction,
        IReadOnlyList<FieldLabel> CorrectableFields,
        bool CanRequestCorrection,
        IReadOnlyList<RevisionLine> Revisions,
        IReadOnlyList<MessageLine> Messages,
        bool CanWriteMessages,
        IReadOnlyList<DocumentLine> Documents,
        bool CanIssueDocument)
    {
        /// <summary>手数料の確定: offered for a procedure whose fee is set after review, until it is paid; the procedure's usual fee as the default.</summary>
        public bool CanSetFee { get; init; }

        public int? UsualFeeYen { get; init; }

        /// <summary>担当者: who works the case (null: nobody yet), and the colleagues of the unit it can be given to.</summary>
        public Colleague? Assignee { get; init; }

        public bool AssignedToMe { get; init; }

        public IReadOnlyList<Colleague> Colleagues { get; init; } = [];

        /// <summary>Not in a final state: it can still be assigned and worked.</summary>
        public bool IsOpen { get; init; }

        /// <summary>The SLA clock is stopped (a state where it does not run, e.g. awaiting correction).</summary>
        public bool ClockPaused { get; init; }

        public Due DueState { get; init; }

        /// <summary>Payments and refunds of the fee, oldest first; whether staff can record a payment or a refund now; whether review waits for payment.</summary>
        public IReadOnlyList<FeePaymentLine> Payments { get; init; } = [];

        public bool CanRecordPayment { get; init; }

        public bool CanRefund { get; init; }

        public bool AwaitingPayment { get; init; }
    }

    public sealed record Colleague(string UserId, string Name);

    /// <summary>A question a correction can name (a record, not a tuple, so the API serialises it).</summary>
    public sealed record FieldLabel(string Key, string LabelJa, string LabelEn);

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, BusinessCalendar calendar, QueueOptions queueOptions) : IQueryHandler<Query, Detail?>
    {
        public async ValueTask<Detail?> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            if (await CaseView.LoadAsync(db, db.VisibleToStaff(userId), query.Id, cancellationToken) is not { } view)
            {
                return null;
            }

            var (@case, procedure, version, unit, attachments) = view;
            var revisions = (await db.AnswerRevisions.AsNoTracking().Where(r => r.CaseId == @case.Id).OrderBy(r => r.At).ThenBy(r => r.Id)
                    .ToListAsync(cancellationToken))
                .Select(r => new RevisionLine(r.At, r.ActorUserId == @case.ApplicantUserId,
                    AnswerChange.Between(version.Definition, r.PreviousAnswers, r.NewAnswers, view.FileNames)))
                .ToList();
            var messages = await db.CaseMessages.AsNoTracking().Where(m => m.CaseId == @case.Id).OrderBy(m => m.At).ThenBy(m => m.Id)
                .Select(m => new MessageLine(m.Id, m.At, m.Kind, m.Body)).ToListAsync(cancellationToken);
            var today = Domain.JapanTime.DateOf(clock.GetUtcNow());
            var documents = (await db.IssuedDocuments.AsNoTracking().Where(d => d.CaseId == @case.Id).OrderBy(d => d.IssuedAt)
                    .ToListAsync(cancellationToken))
                .Select(d => new DocumentLine(d.Id, d.File.FileName, d.File.Size, d.IssuedAt, d.ExpiresOn, !d.IsAvailableOn(today)))
                .ToList();
            var applicant = @case.ApplicantUserId is null
                ? @case.ApplicantName ?? ""
                : await db.Users.AsNoTracking().Where(u => u.Id == @case.ApplicantUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "";
            var workflow = procedure.Workflow;
            var actor = user.StaffActor();
            var colleagues = await db.StaffMemberships.AsNoTracking().Where(m => m.OrganisationUnitId == @case.OrganisationUnitId)
                .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName })
                .OrderBy(u => u.DisplayName).Select(u => new Colleague(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
            var actorNames = colleagues.ToDictionary(c => c.UserId, c => c.Name);

            return new Detail(
                @case.Id, @case.ReceiptNumber, procedure.NameJa, procedure.NameEn, unit.NameJa, unit.NameEn,
                workflow.Label(@case.Status), @case.Channel, @case.SubmittedAt, @case.DueDate, applicant, version.VersionNumber, @case.Version,
                view.Answers,
                @case.History.OrderBy(h => h.At).ThenBy(h => h.Id)
                    .Select(h => new HistoryLine(h.At, h.FromStatus is { } f ? workflow.Label(f) : null, workflow.Label(h.ToStatus), h.Action,
                        h.Action == Case.AssignAction ? AssignmentNote(h, actorNames) : h.Comment, h.ActorUserId == @case.ApplicantUserId)
                    { ActorName = actorNames.GetValueOrDefault(h.ActorUserId) })
                    .ToList(),
                // A correction request has its own form (it names questions); the decision form offers the rest.
                // Correction has its own form (it names questions); an approver who reviewed the case is not offered the decision.
                workflow.AvailableFrom(@case.Status, actor.Roles)
                    .Where(t => !CaseAction.NeedsOwnForm(t.Action) && !(t.Role == WorkflowRole.Approver && @case.ReviewedBy(actor.UserId)))
                    .DistinctBy(t => t.Action).Select(t => t.Label()).ToList(),
                attachments,
                @case.FiledByProxy ? new ProxyDetails(@case.SubjectName!, @case.SubjectNameKana ?? "", @case.ProxyRelationship ?? "") : null,
                new FeeLine(@case.FeeYen, @case.PaymentState, @case.PaymentReference),
                RequestCorrection.OpenOn(@case, version.Definition),
                RequestCorrection.CorrectableFields(version.Definition, @case.Answers).Select(f => new FieldLabel(f.Key, f.LabelJa, f.LabelEn)).ToList(),
                workflow.Find(@case.Status, CaseAction.RequestCorrection, actor.Roles) is not null,
                revisions,
                messages,
                workflow.AcceptsMessages(@case.Status),
                documents,
                IssuedDocument.CanIssueFor(workflow, @case.Status))
            {
                CanSetFee = procedure.FeeTiming == Domain.Procedures.FeeTiming.AfterReview && @case.DecidedAt is null && @case.PaymentState != PaymentState.Paid,
                UsualFeeYen = @case.FeeYen ?? procedure.FeeYen,
                Assignee = @case.AssigneeUserId is { } a ? new Colleague(a, actorNames.GetValueOrDefault(a, "")) : null,
                AssignedToMe = @case.AssigneeUserId == actor.UserId,
                Colleagues = colleagues,
                IsOpen = !workflow.IsTerminal(@case.Status),
                ClockPaused = @case.ClockPausedAt is not null,
                DueState = Sla.DueStateOf(workflow, @case.Status, @case.DueDate, today, calendar, queueOptions.DueSoonBusinessDays),
                Payments = await FeePaymentLine.OfCaseAsync(db, @case.Id, cancellationToken),
                CanRecordPayment = @case.FeeUnpaid,
                CanRefund = @case.PaymentState == PaymentState.Paid,
                AwaitingPayment = FeePaymentLine.AwaitsPayment(workflow, @case),
            };
        }
    }

    /// <summary>"→ name" for an assignment line ("—" when released).</summary>
    private static string AssignmentNote(CaseHistoryEntry h, IReadOnlyDictionary<string, string> names) =>
        h.Comment is { } to ? names.GetValueOrDefault(to, "") : "—";
}
