using CityDx.Application.Common;
using CityDx.Application.PostalCodes;
using CityDx.Application.Resources;
using CityDx.Domain.Cases;
using CityDx.Domain.Forms;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Applications;

/// <summary>
/// 確認 (check your answers): everything the citizen is about to submit, page by page, each with a
/// change link that returns here, and the fee. When a page is not yet completed the citizen is sent
/// to it instead. Showing this page records that the filing reached it (the funnel counts it).
/// </summary>
public static class CheckAnswers
{
    public sealed record Query(Guid DraftId) : IQuery<Summary?>;

    public sealed record Section(string PageKey, string TitleJa, string TitleEn, IReadOnlyList<AnsweredField> Answers);

    public sealed record Summary(
        Guid DraftId,
        string ProcedureCode,
        string ProcedureNameJa,
        string ProcedureNameEn,
        IReadOnlyList<Section> Sections,
        int? FeeYen,
        FeeTiming FeeTiming,
        int PageCount,
        DateTimeOffset ExpiresAt,
        IReadOnlyDictionary<string, string> FieldPages)
    {
        /// <summary>The case this application became, when it has already been submitted.</summary>
        public Guid? SubmittedCaseId { get; init; }

        /// <summary>A page still to complete: the check page sends the citizen there.</summary>
        public string? IncompletePage { get; init; }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : IQueryHandler<Query, Summary?>
    {
        public async ValueTask<Summary?> Handle(Query query, CancellationToken cancellationToken)
        {
            var now = clock.GetUtcNow();
            var userId = user.RequireUserId();
            var draft = await db.Drafts.AsNoTracking()
                .FirstOrDefaultAsync(d => d.Id == query.DraftId && d.ApplicantUserId == userId, cancellationToken);
            if (draft is null || draft.IsExpired(now))
            {
                return null;
            }

            var procedure = await db.Procedures.AsNoTracking().SingleAsync(p => p.Id == draft.ProcedureId, cancellationToken);
            var definition = (await db.FormVersions.AsNoTracking().SingleAsync(v => v.Id == draft.FormVersionId, cancellationToken)).Definition;
            var raw = draft.Answers.AsNullable();
            var pages = new FilingPages(procedure, definition, raw);
            var summary = new Summary(draft.Id, procedure.Code, procedure.NameJa, procedure.NameEn, [], procedure.FeeYen, procedure.FeeTiming, pages.Pages.Count, draft.ExpiresAt,
                Drafts.FieldPages(definition));
            if (draft.IsSubmitted)
            {
                return summary with { SubmittedCaseId = draft.CaseId };
            }

            if (pages.FirstIncomplete(draft.CompletedSteps) is { } incomplete)
            {
                return summary with { IncompletePage = incomplete.Key };
            }

            var fileNames = await db.DraftFiles.AsNoTracking().Where(f => f.DraftId == draft.Id).ToDictionaryAsync(f => f.Id, f => f.File.FileName, cancellationToken);
            var clean = definition.Validate(raw, await db.AnswerContextAsync(clock, raw, cancellationToken)).Answers;
            var answered = AnsweredField.From(definition, clean, fileNames);
            var sections = new List<Section>();
            foreach (var page in pages.Pages)
            {
                if (page.IsApplicantPage)
                {
                    sections.Add(new Section(page.Key, l["Apply.ApplicantPage"].Value, l["Apply.ApplicantPage"].Value, await ApplicantAnswersAsync(procedure, draft, raw, fileNames, cancellationToken)));
                    continue;
                }

                var keys = (page.Step!.Fields ?? []).Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
                var title = page.Step.TitleJa.Length == 0 ? (procedure.NameJa, procedure.NameEn) : (page.Step.TitleJa, page.Step.TitleEn);
                sections.Add(new Section(page.Key, title.Item1, title.Item2, answered.Where(a => keys.Contains(a.Key)).ToList()));
            }

            await db.Drafts.Where(d => d.Id == draft.Id && d.ReachedCheckAnswersAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.ReachedCheckAnswersAt, now), cancellationToken);
            return summary with { Sections = sections };
        }

        /// <summary>The applicant page read back: the ward office chosen, and who the application is for.</summary>
        private async Task<IReadOnlyList<AnsweredField>> ApplicantAnswersAsync(
            Procedure procedure, Draft draft, IReadOnlyDictionary<string, string?> raw, IReadOnlyDictionary<Guid, string> fileNames, CancellationToken cancellationToken)
        {
            var lines = new List<AnsweredField>();
            if (procedure.Routing == Routing.ChosenWard && draft.WardId is { } wardId)
            {
                var ward = await db.OrganisationUnits.AsNoTracking().Where(u => u.Id == wardId).Select(u => new { u.NameJa, u.NameEn }).FirstOrDefaultAsync(cancellationToken);
                lines.Add(new AnsweredField("WardId", l["Apply.Ward"].Value, l["Apply.Ward"].Value, ward?.NameJa ?? "", ward?.NameEn ?? ""));
            }

            if (procedure.Proxy != ProxyPolicy.NotAllowed)
            {
                var who = draft.IsProxy ? l["Proxy.ForSomeone"].Value : l["Proxy.Self"].Value;
                lines.Add(new AnsweredField("Proxy.Filer", l["Proxy.Legend"].Value, l["Proxy.Legend"].Value, who, who));
                if (draft.IsProxy)
                {
                    var form = Drafts.ProxyForm(procedure.Proxy);
                    lines.AddRange(AnsweredField.From(form, form.Validate(raw).Answers, fileNames));
                }
            }

            return lines;
        }
    }
}
