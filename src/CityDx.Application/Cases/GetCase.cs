using CityDx.Application.Common;
using CityDx.Domain.Cases;
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
        CaseStatus Status,
        Channel Channel,
        DateTimeOffset SubmittedAt,
        DateOnly? DueDate,
        string ApplicantName,
        int FormVersion,
        int Version,
        IReadOnlyList<AnsweredField> Answers,
        IReadOnlyList<HistoryLine> History,
        IReadOnlyList<CaseAction> AvailableActions,
        IReadOnlyList<AttachmentLine> Attachments,
        ProxyDetails? Proxy,
        FeeLine Fee,
        CorrectionLine? Correction,
        IReadOnlyList<(string Key, string LabelJa, string LabelEn)> CorrectableFields,
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
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock) : IQueryHandler<Query, Detail?>
    {
        public async ValueTask<Detail?> Handle(Query query, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var @case = await db.VisibleToStaff(userId).AsNoTracking()
                .Include(c => c.History)
                .FirstOrDefaultAsync(c => c.Id == query.Id, cancellationToken);
            if (@case is null)
            {
                return null;
            }

            var procedure = await db.Procedures.AsNoTracking().SingleAsync(p => p.Id == @case.ProcedureId, cancellationToken);
            var version = await db.FormVersions.AsNoTracking().SingleAsync(v => v.Id == @case.FormVersionId, cancellationToken);
            var unit = await db.OrganisationUnits.AsNoTracking().SingleAsync(u => u.Id == @case.OrganisationUnitId, cancellationToken);
            var attachments = await db.Attachments.AsNoTracking().Where(a => a.CaseId == @case.Id).OrderBy(a => a.UploadedAt)
                .Select(a => new AttachmentLine(a.Id, a.FieldKey, a.FileName, a.Size)).ToListAsync(cancellationToken);
            var fileNames = await db.Attachments.AsNoTracking().Where(a => a.CaseId == @case.Id)
                .ToDictionaryAsync(a => a.Id, a => a.FileName, cancellationToken);
            var revisions = (await db.AnswerRevisions.AsNoTracking().Where(r => r.CaseId == @case.Id).OrderBy(r => r.At).ThenBy(r => r.Id)
                    .ToListAsync(cancellationToken))
                .Select(r => new RevisionLine(r.At, r.ActorUserId == @case.ApplicantUserId,
                    AnswerChange.Between(version.Definition, r.PreviousAnswers, r.NewAnswers, fileNames)))
                .ToList();
            var messages = await db.CaseMessages.AsNoTracking().Where(m => m.CaseId == @case.Id).OrderBy(m => m.At).ThenBy(m => m.Id)
                .Select(m => new MessageLine(m.Id, m.At, m.Kind, m.Body)).ToListAsync(cancellationToken);
            var today = Domain.JapanTime.DateOf(clock.GetUtcNow());
            var documents = (await db.IssuedDocuments.AsNoTracking().Where(d => d.CaseId == @case.Id).OrderBy(d => d.IssuedAt)
                    .ToListAsync(cancellationToken))
                .Select(d => new DocumentLine(d.Id, d.FileName, d.Size, d.IssuedAt, d.ExpiresOn, !d.IsAvailableOn(today)))
                .ToList();
            var applicant = @case.ApplicantUserId is null
                ? ""
                : await db.Users.AsNoTracking().Where(u => u.Id == @case.ApplicantUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) ?? "";

            return new Detail(
                @case.Id, @case.ReceiptNumber, procedure.NameJa, procedure.NameEn, unit.NameJa, unit.NameEn,
                @case.Status, @case.Channel, @case.SubmittedAt, @case.DueDate, applicant, version.VersionNumber, @case.Version,
                AnsweredField.From(version.Definition, @case.Answers, attachments.ToDictionary(a => a.Id, a => a.FileName)),
                @case.History.OrderBy(h => h.At).ThenBy(h => h.Id)
                    .Select(h => new HistoryLine(h.At, h.FromStatus, h.ToStatus, h.Comment, h.ActorUserId == @case.ApplicantUserId))
                    .ToList(),
                // A correction request has its own form (it names questions); the decision form offers the rest.
                CaseWorkflow.Default.AvailableFrom(@case.Status, ActorKind.Staff).Select(t => t.Action)
                    .Where(a => a != CaseAction.RequestCorrection).Distinct().ToList(),
                attachments,
                @case.FiledByProxy ? new ProxyDetails(@case.SubjectName!, @case.SubjectNameKana ?? "", @case.ProxyRelationship ?? "") : null,
                new FeeLine(@case.FeeYen, @case.PaymentState, @case.PaymentReference),
                RequestCorrection.OpenOn(@case, version.Definition),
                RequestCorrection.CorrectableFields(version.Definition, @case.Answers).Select(f => (f.Key, f.LabelJa, f.LabelEn)).ToList(),
                CaseWorkflow.Default.Find(@case.Status, CaseAction.RequestCorrection, ActorKind.Staff) is not null,
                revisions,
                messages,
                @case.Status.AcceptsMessages(),
                documents,
                IssuedDocument.CanIssueFor(@case.Status))
            {
                CanSetFee = procedure.FeeTiming == Domain.Procedures.FeeTiming.AfterReview && !@case.Status.IsTerminal() && @case.PaymentState != PaymentState.Paid,
                UsualFeeYen = @case.FeeYen ?? procedure.FeeYen,
            };
        }
    }
}
