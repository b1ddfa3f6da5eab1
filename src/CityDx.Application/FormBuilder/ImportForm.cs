using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Forms;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using Mediator;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.FormBuilder;

/// <summary>
/// 様式を読み込む: a <see cref="FormJson"/> document (uploaded or pasted) replaces the draft's definition, or starts a
/// draft when there is none. Any import error is listed (in the admin's words, with the parser's detail) and nothing
/// changes. The publish checks are not run: an imported form is a draft, and the editor lists its problems.
/// </summary>
public static class ImportForm
{
    /// <summary>Returns the draft's version number, or null when the procedure is not this admin's.</summary>
    [Audited(Domain.Auditing.AuditActions.FormImport, RecordsChanges = true)]
    public sealed record Command(string Code, string? Json) : ICommand<int?>;

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, int?>
    {
        public async ValueTask<int?> Handle(Command command, CancellationToken cancellationToken)
        {
            var procedure = await db.ManageableProcedureAsync(user, command.Code, cancellationToken);
            if (procedure is null)
            {
                return null;
            }

            if (string.IsNullOrWhiteSpace(command.Json))
            {
                throw new[] { (nameof(Command.Json), l["Builder.ImportEmpty"].Value) }.ToValidationException();
            }

            var result = FormJson.Import(command.Json);
            if (!result.Succeeded)
            {
                throw result.Errors.Select(e => (nameof(Command.Json), Describe(e))).ToValidationException();
            }

            var draft = await db.DraftOfAsync(procedure, cancellationToken);
            if (draft is null)
            {
                draft = FormVersion.Draft(procedure.Id, await db.NextVersionNumberAsync(procedure, cancellationToken), result.Definition!);
                db.FormVersions.Add(draft);
            }
            else
            {
                draft.UpdateDefinition(result.Definition!);
            }

            return draft.VersionNumber;
        }

        /// <summary>"Json.TooDeep: $.steps… nested too deeply" → the admin's words for the code, then the parser's detail.</summary>
        private string Describe(string error)
        {
            var colon = error.IndexOf(':', StringComparison.Ordinal);
            var code = colon > 0 ? error[..colon] : "";
            var words = code.Length > 0 ? l["Builder.Import." + code] : null;
            return words is null || words.ResourceNotFound ? error : $"{words.Value}({error})";
        }
    }
}
