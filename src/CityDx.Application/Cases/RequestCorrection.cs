using System.Globalization;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Cases;
using CityDx.Domain.Forms;
using CityDx.Domain.Japanese;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Cases;

/// <summary>
/// 補正依頼 (差し戻し): staff of the case's unit send the application back, naming the questions of the
/// pinned form version the applicant must correct and why. The SLA clock stops until they resubmit;
/// the applicant is mailed in their own language. Null (404) for a case of another unit.
/// </summary>
public static class RequestCorrection
{
    public const int MaxReasonLength = 2000;

    public sealed record Command(Guid CaseId, IReadOnlyList<string> FieldKeys, string? Reason, int ExpectedVersion) : ICommand<Result?>, IAuditedCaseRequest { public string AuditAction => Domain.Auditing.AuditActions.CaseCorrectionRequest; }

    public sealed record Result(string Status, int Version);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.FieldKeys).NotEmpty().WithMessage(_ => l["Correction.FieldsRequired"])
                .Must(k => k.Count <= FormDefinition.MaxFields).WithMessage(_ => l["Correction.FieldsRequired"]);
            RuleFor(c => c.Reason).NotEmpty().WithMessage(_ => l["Correction.ReasonRequired"])
                .MaximumLength(MaxReasonLength)
                .WithMessage(_ => l["Validation.CommentTooLong"].Fill(("max", MaxReasonLength.ToString(CultureInfo.CurrentCulture))));
        }
    }

    /// <summary>The questions a correction can name: the visible input questions of the answers as they stand.</summary>
    public static IReadOnlyList<FormField> CorrectableFields(FormDefinition definition, IReadOnlyDictionary<string, string> answers)
    {
        var current = answers.ToDictionary(a => a.Key, a => (string?)a.Value, StringComparer.Ordinal);
        return definition.Fields.Where(f => f.IsInput && definition.IsVisible(f, current)).ToList();
    }

    /// <summary>The correction open on a case (its history loaded): when, why and which questions; null when none is open.</summary>
    public static CorrectionLine? OpenOn(Case @case, FormDefinition definition)
    {
        if (@case.Status != CaseStatus.AwaitingCorrection)
        {
            return null;
        }

        var request = @case.History.Where(h => h.ToStatus == CaseStatus.AwaitingCorrection).OrderBy(h => h.At).ThenBy(h => h.Id).LastOrDefault();
        var fields = @case.CorrectionFields
            .Select(k => definition.FindField(k) is { } f ? (f.Key, f.LabelJa, f.LabelEn) : (k, k, k))
            .ToList();
        return new CorrectionLine(request?.At ?? @case.UpdatedAt, request?.Comment ?? "", fields);
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, BusinessCalendar calendar, Notifications notifications, IStringLocalizer<SharedResource> l)
        : ICommandHandler<Command, Result?>
    {
        public async ValueTask<Result?> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            var @case = await db.VisibleToStaff(userId).FirstOrDefaultAsync(c => c.Id == command.CaseId, cancellationToken);
            if (@case is null)
            {
                return null;
            }

            @case.ExpectVersion(command.ExpectedVersion, l);

            var version = await db.FormVersions.AsNoTracking().SingleAsync(v => v.Id == @case.FormVersionId, cancellationToken);
            var correctable = CorrectableFields(version.Definition, @case.Answers);
            var named = correctable.Where(f => command.FieldKeys.Contains(f.Key, StringComparer.Ordinal)).ToList();
            if (named.Count != command.FieldKeys.Distinct(StringComparer.Ordinal).Count())
            {
                throw new[] { (nameof(Command.FieldKeys), l["Correction.UnknownField"].Value) }.ToValidationException();
            }

            var workflow = await db.WorkflowOfAsync(@case.ProcedureId, cancellationToken);
            Workflows.Run(() => @case.RequestCorrection(workflow, [.. named.Select(f => f.Key)], user.StaffActor(), command.Reason, clock.GetUtcNow(), calendar),
                l, nameof(Command.FieldKeys), "Correction.NotAllowed");

            var procedure = await db.Procedures.AsNoTracking().SingleAsync(p => p.Id == @case.ProcedureId, cancellationToken);
            await notifications.CorrectionRequestedAsync(@case, procedure, [.. named.Select(f => (f.LabelJa, f.LabelEn))], command.Reason!.Trim(), cancellationToken);

            // Saved by the transaction behaviour, conditional on the version read above: a concurrent change
            // makes it affect no row and the command a conflict.
            return new Result(@case.Status, @case.Version);
        }
    }
}
