using CityDx.Application.Common;
using CityDx.Domain.Forms;
using CityDx.Infrastructure.Persistence;
using Mediator;

namespace CityDx.Application.FormBuilder;

/// <summary>
/// 公開する: the draft passes the publish checks, becomes a published version and the one new applications are
/// filed under (the procedure is published too). Applications filed under earlier versions keep theirs. When the checks
/// fail, every problem is listed (property "step-{key}"/"field-{key}" links to the place in the editor) and nothing changes.
/// </summary>
public static class PublishDraft
{
    /// <summary>Returns the published version number, or null when the procedure is not this admin's or has no draft.</summary>
    [Audited(Domain.Auditing.AuditActions.FormPublish, RecordsChanges = true)]
    public sealed record Command(string Code) : ICommand<int?>;

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<Command, int?>
    {
        public async ValueTask<int?> Handle(Command command, CancellationToken cancellationToken)
        {
            var procedure = await db.ManageableProcedureAsync(user, command.Code, cancellationToken);
            var draft = procedure is null ? null : await db.DraftOfAsync(procedure, cancellationToken);
            if (procedure is null || draft is null)
            {
                return null;
            }

            try
            {
                draft.Publish(clock.GetUtcNow());
            }
            catch (FormPublishException e)
            {
                throw e.Problems.Select(p => (Where(p), OpenFormEditor.Describe(p, user.PrefersEnglish))).ToValidationException();
            }

            procedure.MakeCurrent(draft);
            return draft.VersionNumber;
        }
    }

    /// <summary>The editor element a problem belongs to: the question's row, the step's section, or the form.</summary>
    public static string Where(FormProblem p) =>
        p.FieldKey is { } key ? "field-" + key.Split('[')[0]
        : p.StepKey is { } step ? "step-" + step
        : "form";
}
