using CityDx.Domain.Cases;
using CityDx.Domain.Forms;
using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CityDx.Application.Common;

/// <summary>
/// The applicant's name and フリガナ a queue shows and searches: the visitor's at the counter, else
/// the account's name, with the フリガナ answered on the form (its first フリガナ question), if any.
/// </summary>
public static class ApplicantNames
{
    public static async Task NameApplicantAsync(this CityDxDbContext db, Case @case, FormDefinition definition, IReadOnlyDictionary<string, string> answers,
        VisitorDetails? visitor, CancellationToken cancellationToken)
    {
        if (visitor is not null)
        {
            @case.NameApplicant(visitor.Name, visitor.NameKana);
            return;
        }

        var name = @case.ApplicantUserId is null ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == @case.ApplicantUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        var kanaField = definition.Fields.FirstOrDefault(f => f.Type == FieldType.Furigana);
        @case.NameApplicant(name, kanaField is not null ? answers.GetValueOrDefault(kanaField.Key) : null);
    }
}
