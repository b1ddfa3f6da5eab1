using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Cases;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace CityDx.Application.Applications;

/// <summary>
/// 申請を始める: the start of an online filing. The query lists the citizen's saved applications for
/// this procedure so they can continue one; the command starts a new one, pinned to the procedure's
/// current form version, and says which page comes first.
/// </summary>
public static class StartApplication
{
    public sealed record Query(string ProcedureCode) : IQuery<StartPage?>;

    public sealed record StartPage(string Code, string NameJa, string NameEn, int PageCount, int ExpiryDays, IReadOnlyList<SavedDraft> Drafts);

    public sealed record SavedDraft(Guid Id, DateTimeOffset UpdatedAt, DateTimeOffset ExpiresAt, string? ContinueAt);

    public sealed record Command(string ProcedureCode) : ICommand<Started>;

    /// <summary>The new draft and its first page (null: straight to check your answers, for a form with nothing to ask).</summary>
    public sealed record Started(Guid DraftId, string? FirstPage);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator()
        {
            RuleFor(c => c.ProcedureCode).NotEmpty().MaximumLength(64);
        }
    }

    public sealed class QueryHandler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, IOptions<DraftOptions> options) : IQueryHandler<Query, StartPage?>
    {
        public async ValueTask<StartPage?> Handle(Query query, CancellationToken cancellationToken)
        {
            var procedure = await OnlineProcedureAsync(db.Procedures.AsNoTracking(), query.ProcedureCode, cancellationToken);
            if (procedure is null)
            {
                return null;
            }

            var userId = user.RequireUserId();
            var now = clock.GetUtcNow();
            var version = await db.FormVersions.AsNoTracking().SingleAsync(v => v.Id == procedure.CurrentFormVersionId, cancellationToken);
            var drafts = await db.OpenDraftsOf(userId, now).AsNoTracking()
                .Where(d => d.ProcedureId == procedure.Id)
                .OrderByDescending(d => d.UpdatedAt).Take(20).ToListAsync(cancellationToken);
            // Drafts started before a new version was published stay on theirs: each version read once.
            var pinnedIds = drafts.Select(d => d.FormVersionId).Where(id => id != version.Id).Distinct().ToList();
            var versions = await db.FormVersions.AsNoTracking().Where(v => pinnedIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, cancellationToken);
            versions[version.Id] = version;
            var saved = new List<SavedDraft>();
            foreach (var draft in drafts)
            {
                var pages = new FilingPages(procedure, versions[draft.FormVersionId].Definition, draft.Answers.AsNullable());
                saved.Add(new SavedDraft(draft.Id, draft.UpdatedAt, draft.ExpiresAt, pages.FirstIncomplete(draft.CompletedSteps)?.Key));
            }

            var count = new FilingPages(procedure, version.Definition, new Dictionary<string, string?>()).Pages.Count;
            return new StartPage(procedure.Code, procedure.NameJa, procedure.NameEn, count, options.Value.ExpiryDays, saved);
        }
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, IOptions<DraftOptions> options, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, Started>
    {
        public async ValueTask<Started> Handle(Command command, CancellationToken cancellationToken)
        {
            // Tracked, so the pages and the submission of the same unit of work find them by key (Drafts).
            var procedure = await OnlineProcedureAsync(db.Procedures, command.ProcedureCode, cancellationToken)
                ?? throw new[] { (nameof(Command.ProcedureCode), l["Validation.ProcedureNotFound"].Value) }.ToValidationException();
            var version = (await db.FormVersions.FindAsync([procedure.CurrentFormVersionId!.Value], cancellationToken))!;
            var draft = Draft.Start(user.RequireUserId(), procedure.Id, version.Id, clock.GetUtcNow(), options.Value.Lifetime);
            db.Drafts.Add(draft);
            var pages = new FilingPages(procedure, version.Definition, new Dictionary<string, string?>()).Pages;
            return new Started(draft.Id, pages.Count > 0 ? pages[0].Key : null);
        }
    }

    private static async Task<Procedure?> OnlineProcedureAsync(IQueryable<Procedure> procedures, string code, CancellationToken cancellationToken)
    {
        var procedure = await procedures
            .FirstOrDefaultAsync(p => p.Code == code && p.IsPublished && p.CurrentFormVersionId != null, cancellationToken);
        return procedure is not null && procedure.Channels.HasFlag(ChannelSet.Online) ? procedure : null;
    }
}
