using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Auditing;
using CityDx.Domain.Integration;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Administration;

/// <summary>
/// API連携先の登録: a core system that may use /api/v1/cases with the scopes and for the units
/// chosen. The result carries the credential, shown once: only its hash is stored. City admins only.
/// </summary>
public static class RegisterApiClient
{
    public sealed record Command(string? Name, bool CasesRead, bool CasesTransition, IReadOnlyList<Guid> UnitIds) : ICommand<Result?>, IAuditedChange
    {
        public string AuditAction => AuditActions.ApiClientRegister;

        public string AuditDetail => $"scopes={(CasesRead ? "cases:read " : "")}{(CasesTransition ? "cases:transition" : "")} units={UnitIds.Count}";
    }

    public sealed record Result(Guid Id, string Credential);

    /// <summary>The units a client may be given: every unit of the city.</summary>
    public sealed record Query : IQuery<IReadOnlyList<UnitOption>?>;

    public sealed record UnitOption(Guid Id, string NameJa, string NameEn);

    public sealed class Validator : AbstractValidator<Command>
    {
        public Validator(IStringLocalizer<SharedResource> l)
        {
            RuleFor(c => c.Name).NotEmpty().WithMessage(_ => l["ApiClients.NameRequired"])
                .MaximumLength(ApiClient.MaxNameLength).WithMessage(_ => l["ApiClients.NameTooLong"]);
            RuleFor(c => c.CasesRead).Must((c, read) => read || c.CasesTransition).WithMessage(_ => l["ApiClients.ScopeRequired"]);
            RuleFor(c => c.UnitIds).NotEmpty().WithMessage(_ => l["ApiClients.UnitRequired"]);
        }
    }

    public sealed class OptionsHandler(CityDxDbContext db, ICurrentUser user) : IQueryHandler<Query, IReadOnlyList<UnitOption>?>
    {
        public async ValueTask<IReadOnlyList<UnitOption>?> Handle(Query query, CancellationToken cancellationToken) =>
            await db.IsCityAdminAsync(user.RequireUserId(), cancellationToken)
                ? await db.OrganisationUnits.AsNoTracking().OrderBy(u => u.Code).Select(u => new UnitOption(u.Id, u.NameJa, u.NameEn)).ToListAsync(cancellationToken)
                : null;
    }

    public sealed class Handler(CityDxDbContext db, ICurrentUser user, TimeProvider clock, IStringLocalizer<SharedResource> l) : ICommandHandler<Command, Result?>
    {
        public async ValueTask<Result?> Handle(Command command, CancellationToken cancellationToken)
        {
            var userId = user.RequireUserId();
            if (!await db.IsCityAdminAsync(userId, cancellationToken))
            {
                return null;
            }

            var known = await db.OrganisationUnits.Where(u => command.UnitIds.Contains(u.Id)).CountAsync(cancellationToken);
            if (known != command.UnitIds.Distinct().Count())
            {
                throw new[] { (nameof(Command.UnitIds), l["ApiClients.UnitRequired"].Value) }.ToValidationException();
            }

            var scopes = (command.CasesRead ? ApiScopes.CasesRead : ApiScopes.None) | (command.CasesTransition ? ApiScopes.CasesTransition : ApiScopes.None);
            var (client, credential) = ApiClient.Register(command.Name!, scopes, command.UnitIds, userId, clock.GetUtcNow());
            db.ApiClients.Add(client);
            return new Result(client.Id, credential);
        }
    }
}
