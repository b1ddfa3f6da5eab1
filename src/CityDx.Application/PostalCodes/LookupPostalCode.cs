using CityDx.Application.Resources;
using CityDx.Domain.Japanese;
using CityDx.Infrastructure.Persistence;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.PostalCodes;

/// <summary>
/// 郵便番号 → 住所: the addresses of a postal code (1234567 or 123-4567, any width). Empty when the
/// code is unknown, so the citizen types the address themselves.
/// </summary>
public static class LookupPostalCode
{
    public sealed record Query(string Code) : IQuery<Result>;

    public sealed record Address(string Prefecture, string City, string Town, string PrefectureKana, string CityKana, string TownKana);

    public sealed record Result(string PostalCode, IReadOnlyList<Address> Addresses);

    public sealed class Validator : AbstractValidator<Query>
    {
        public Validator(IStringLocalizer<SharedResource> l) =>
            RuleFor(q => q.Code).Must(c => PostalCode.TryNormalize(c, out _, out _))
                .WithMessage(_ => l["PostalCode.Invalid"]);
    }

    public sealed class Handler(CityDxDbContext db) : IQueryHandler<Query, Result>
    {
        public async ValueTask<Result> Handle(Query query, CancellationToken cancellationToken)
        {
            PostalCode.TryNormalize(query.Code, out var code, out _);
            var addresses = await db.PostalAddresses.AsNoTracking()
                .Where(a => a.PostalCode == code)
                .OrderBy(a => a.City).ThenBy(a => a.Town)
                .Select(a => new Address(a.Prefecture, a.City, a.Town, a.PrefectureKana, a.CityKana, a.TownKana))
                .ToListAsync(cancellationToken);
            return new Result(PostalCode.Format(code), addresses);
        }
    }
}
