using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Administration;

/// <summary>
/// 手続き管理: an admin creates a procedure or edits its details (not its form, which has versions
/// of its own). An affiliated body's admin can only save procedures its unit owns.
/// </summary>
public static class SaveProcedure
{
    public static readonly IReadOnlyList<string> Categories = ["registration", "tax-insurance", "childcare", "education", "welfare", "health", "environment", "roads", "facilities", "bereavement"];
    public static readonly IReadOnlyList<string> LifeEvents = ["moving", "birth-childcare", "bereavement", "housing-waste", "welfare", "tax-insurance"];

    [Audited(Domain.Auditing.AuditActions.ProcedureChange, RecordsChanges = true)]
    public sealed record Command(
        string? ExistingCode,
        string Code,
        string NameJa,
        string NameEn,
        string? DescriptionJa,
        string? DescriptionEn,
        string Category,
        IReadOnlyList<string> LifeEvents,
        string? Keywords,
        string? EligibilityJa,
        string? EligibilityEn,
        string? RequiredDocumentsJa,
        string? RequiredDocumentsEn,
        int? FeeYen,
        FeeTiming FeeTiming,
        int StandardProcessingDays,
        Routing Routing,
        ChannelSet Channels,
        Guid OwningUnitId,
        bool? Published = null,
        ProxyPolicy Proxy = ProxyPolicy.Allowed) : ICommand<string?>;

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Code).NotEmpty().WithMessage(_ => l["Admin.CodeRequired"])
                .Matches("^[a-z][a-z0-9-]{1,63}$").WithMessage(_ => l["Admin.CodeFormat"]);
            RuleFor(c => c.NameJa).NotEmpty().WithMessage(_ => l["Admin.NameJaRequired"]).MaximumLength(200);
            RuleFor(c => c.NameEn).NotEmpty().WithMessage(_ => l["Admin.NameEnRequired"]).MaximumLength(200);
            RuleFor(c => c.DescriptionJa).MaximumLength(4000);
            RuleFor(c => c.DescriptionEn).MaximumLength(4000);
            RuleFor(c => c.Category).Must(Categories.Contains).WithMessage(_ => l["Admin.CategoryRequired"]);
            RuleForEach(c => c.LifeEvents).Must(LifeEvents.Contains).WithMessage(_ => l["Admin.LifeEventUnknown"]);
            RuleFor(c => c.Keywords).MaximumLength(1000);
            RuleFor(c => c.EligibilityJa).MaximumLength(2000);
            RuleFor(c => c.EligibilityEn).MaximumLength(2000);
            RuleFor(c => c.RequiredDocumentsJa).MaximumLength(4000);
            RuleFor(c => c.RequiredDocumentsEn).MaximumLength(4000);
            RuleFor(c => c.FeeYen).InclusiveBetween(0, 1_000_000).WithMessage(_ => l["Admin.FeeRange"]);
            RuleFor(c => c.FeeTiming).IsInEnum();
            RuleFor(c => c.StandardProcessingDays).InclusiveBetween(0, 365).WithMessage(_ => l["Admin.DaysRange"]);
            RuleFor(c => c.Routing).IsInEnum();
            RuleFor(c => c.Channels).Must(c => c != ChannelSet.None && (c & ~(ChannelSet.Online | ChannelSet.Counter | ChannelSet.Mail)) == 0)
                .WithMessage(_ => l["Admin.ChannelsRequired"]);
            RuleFor(c => c.Proxy).IsInEnum();
            RuleFor(c => c.OwningUnitId).NotEmpty().WithMessage(_ => l["Admin.OwningUnitRequired"]);
        }
    }

    /// <summary>Returns the saved procedure's code, or null when the procedure to edit is not this admin's.</summary>
    public sealed class Handler(CityDxDbContext db, ICurrentUser user, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, string?>
    {
        public async ValueTask<string?> Handle(Command command, CancellationToken cancellationToken)
        {
            var units = await db.UnitsOfAsync(user.RequireUserId(), cancellationToken);
            if (units is not null && !units.Contains(command.OwningUnitId))
            {
                throw new[] { (nameof(Command.OwningUnitId), l["Admin.OwningUnitNotYours"].Value) }.ToValidationException();
            }

            if (!await db.OrganisationUnits.AnyAsync(u => u.Id == command.OwningUnitId, cancellationToken))
            {
                throw new[] { (nameof(Command.OwningUnitId), l["Admin.OwningUnitRequired"].Value) }.ToValidationException();
            }

            var details = new ProcedureDetails(
                command.NameJa, command.NameEn, command.DescriptionJa ?? "", command.DescriptionEn ?? "", command.Category,
                command.LifeEvents, command.Keywords ?? "", command.EligibilityJa ?? "", command.EligibilityEn ?? "",
                Lines(command.RequiredDocumentsJa), Lines(command.RequiredDocumentsEn),
                command.FeeYen, command.FeeTiming, command.StandardProcessingDays, command.Routing, command.Channels, command.OwningUnitId, command.Proxy);

            if (command.ExistingCode is null)
            {
                if (await db.Procedures.AnyAsync(p => p.Code == command.Code, cancellationToken))
                {
                    throw new[] { (nameof(Command.Code), l["Admin.CodeTaken"].Value) }.ToValidationException();
                }

                db.Procedures.Add(new Procedure(command.Code, details));
                return command.Code;
            }

            var procedure = await db.Procedures.ManageableBy(units).FirstOrDefaultAsync(p => p.Code == command.ExistingCode, cancellationToken);
            if (procedure is null)
            {
                return null;
            }

            procedure.Update(details);
            switch (command.Published)
            {
                case false:
                    procedure.Unpublish();
                    break;
                case true when !procedure.IsPublished:
                    if (procedure.CurrentFormVersionId is null)
                    {
                        throw new[] { (nameof(Command.Published), l["Procedure.NoPublishedForm"].Value) }.ToValidationException();
                    }

                    procedure.Republish();
                    break;
            }

            return procedure.Code;
        }

        private static string[] Lines(string? text) => (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
    }
}
