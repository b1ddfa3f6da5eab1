using System.ComponentModel.DataAnnotations;
using CityDx.Application.Common;
using CityDx.Application.Resources;
using CityDx.Domain.Cases;
using CityDx.Domain.Forms;
using CityDx.Domain.Organisation;
using CityDx.Domain.Procedures;
using CityDx.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace CityDx.Application.Applications;

/// <summary>How long an unsubmitted online application is kept after it was last saved (configuration "Drafts").</summary>
public sealed class DraftOptions
{
    public const string Section = "Drafts";

    /// <summary>Days an unsubmitted application is kept after its last save; the retention job purges it after that.</summary>
    [Range(1, 365, ErrorMessage = "Drafts:ExpiryDays must be between {1} and {2}.")]
    public int ExpiryDays { get; set; } = 30;

    public TimeSpan Lifetime => TimeSpan.FromDays(Math.Max(1, ExpiryDays));
}

/// <summary>
/// Rules the filing pages share: whose draft it is, the applicant page (the ward office and
/// 代理申請), and where an error's input sits in the flow.
/// </summary>
public static class Drafts
{
    /// <summary>A citizen's open drafts (not submitted, not expired): anyone else's draft reads as not found.</summary>
    public static IQueryable<Draft> OpenDraftsOf(this CityDxDbContext db, string userId, DateTimeOffset now) =>
        db.Drafts.Where(d => d.ApplicantUserId == userId && d.SubmittedAt == null && d.ExpiresAt > now);

    /// <summary>
    /// This citizen's open draft by id, or null (anyone else's, submitted or expired). Read by key, so
    /// within one unit of work (the filing API sends start, pages and submit together) the draft the
    /// request already holds is used rather than read again.
    /// </summary>
    public static async Task<Draft?> FindOpenDraftAsync(this CityDxDbContext db, Guid draftId, string userId, DateTimeOffset now, CancellationToken cancellationToken) =>
        await db.Drafts.FindAsync([draftId], cancellationToken) is { } draft && draft.ApplicantUserId == userId && !draft.IsSubmitted && !draft.IsExpired(now)
            ? draft
            : null;

    /// <summary>A draft's procedure and the form version it was started on, each read once per unit of work (by key).</summary>
    public static async Task<(Procedure Procedure, FormVersion Version)> ProcedureAndFormOfAsync(this CityDxDbContext db, Draft draft, CancellationToken cancellationToken) =>
        (await db.Procedures.FindAsync([draft.ProcedureId], cancellationToken) ?? throw new InvalidOperationException($"draft {draft.Id} names a missing procedure"),
         await db.FormVersions.FindAsync([draft.FormVersionId], cancellationToken) ?? throw new InvalidOperationException($"draft {draft.Id} names a missing form version"));

    /// <summary>Answers as the form definition reads them (it takes missing and empty alike).</summary>
    public static IReadOnlyDictionary<string, string?> AsNullable(this IReadOnlyDictionary<string, string> answers) =>
        answers.ToDictionary(a => a.Key, a => (string?)a.Value, StringComparer.Ordinal);

    /// <summary>Reserved answer keys of the applicant page start with '_' (form keys cannot).</summary>
    public static bool ApplicantPageOwnsKey(string key) => key.StartsWith('_');

    public const string ProxyLetterKey = "_proxy_letter";

    /// <summary>The proxy part of the applicant page, as fields, so the same rules and messages apply as to any question.</summary>
    public static readonly FormField ProxySubjectName = new("_subject_name", FieldType.PersonName, "対象者(申請される方)の氏名", "Name of the person you are applying for", MaxLength: 100);
    public static readonly FormField ProxySubjectKana = new("_subject_kana", FieldType.Furigana, "対象者の氏名(フリガナ)", "Their name in katakana", MaxLength: 100);
    public static readonly FormField ProxyRelationship = new("_relationship", FieldType.ShortText, "対象者との関係", "Your relationship to them", MaxLength: 50, HintJa: "例: 母、子、成年後見人", HintEn: "For example: mother, son, guardian");
    public static readonly FormField ProxyLetter = new(ProxyLetterKey, FieldType.FileUpload, "委任状", "Letter of attorney", AllowedFileTypes: ["pdf", "jpeg", "png"], MaxFileSizeBytes: 5 * 1024 * 1024, MaxFiles: 1);

    /// <summary>The proxy questions this procedure asks (the 委任状 only where it requires one).</summary>
    public static FormDefinition ProxyForm(ProxyPolicy policy) =>
        new([ProxySubjectName, ProxySubjectKana, ProxyRelationship, ProxyLetter with { Required = policy == ProxyPolicy.LetterRequired }]);

    /// <summary>Checks the applicant page: the ward office when the citizen must choose one, and the proxy details when they file for someone else.</summary>
    public static async Task<(ProxyDetails? Proxy, FormValidationResult? ProxyAnswers, List<(string, string)> Errors)> CheckApplicantAsync(
        this CityDxDbContext db, Procedure procedure, Guid? wardId, bool isProxy, IReadOnlyDictionary<string, string?> answers,
        IStringLocalizer<SharedResource> l, bool english, CancellationToken cancellationToken)
    {
        var errors = new List<(string, string)>();
        if (procedure.Routing == Routing.ChosenWard && await RouteToAsync(db, procedure, wardId, cancellationToken) is null)
        {
            errors.Add(("WardId", l["Validation.WardRequired"].Value));
        }

        if (!isProxy)
        {
            return (null, null, errors);
        }

        if (procedure.Proxy == ProxyPolicy.NotAllowed)
        {
            errors.Add(("Proxy.Filer", l["Proxy.NotAllowed"].Value));
            return (null, null, errors);
        }

        var form = ProxyForm(procedure.Proxy);
        var validation = form.Validate(answers);
        errors.AddRange(validation.Errors.Select(e => (LocalizationExtensions.AnswerProperty(e.FieldKey), l.Describe(e, form.FieldOf(e), english))));
        return errors.Count > 0
            ? (null, validation, errors)
            : (new ProxyDetails(validation.Answers[ProxySubjectName.Key], validation.Answers[ProxySubjectKana.Key], validation.Answers[ProxyRelationship.Key]), validation, errors);
    }

    /// <summary>The unit a case goes to; null when the applicant had to choose a ward and did not (or chose something that is not a ward office).</summary>
    public static async Task<Guid?> RouteToAsync(this CityDxDbContext db, Procedure procedure, Guid? wardId, CancellationToken cancellationToken)
    {
        switch (procedure.Routing)
        {
            case Routing.ChosenWard:
                return wardId is null ? null : await db.OrganisationUnits.AsNoTracking()
                    .Where(u => u.Id == wardId && u.Kind == OrganisationUnitKind.WardOffice)
                    .Select(u => (Guid?)u.Id).FirstOrDefaultAsync(cancellationToken);
            case Routing.CentralProcessingCentre:
                return await db.OrganisationUnits.AsNoTracking()
                    .Where(u => u.Kind == OrganisationUnitKind.CentralProcessingCentre)
                    .Select(u => u.Id).FirstAsync(cancellationToken);
            default:
                return procedure.OwningUnitId;
        }
    }

    /// <summary>Which step each top-level question is on, to send the citizen from an error to the page of its input.</summary>
    public static IReadOnlyDictionary<string, string> FieldPages(FormDefinition definition) =>
        definition.Fields.Where(f => definition.StepOf(f) is not null)
            .GroupBy(f => f.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => definition.StepOf(g.First())!.Key, StringComparer.Ordinal);

    /// <summary>The page of the flow an error's input is on ("WardId", "Proxy.Filer", "Answers[_…]" → the applicant page; "Answers[key…]" → the key's step).</summary>
    public static string? PageOf(IReadOnlyDictionary<string, string> fieldPages, string property)
    {
        ArgumentNullException.ThrowIfNull(fieldPages);
        ArgumentNullException.ThrowIfNull(property);
        if (property is "WardId" || property.StartsWith("Proxy.", StringComparison.Ordinal) || property.StartsWith("Answers[_", StringComparison.Ordinal))
        {
            return FilingPages.ApplicantKey;
        }

        var key = property.StartsWith("Answers[", StringComparison.Ordinal) ? property["Answers[".Length..].TrimEnd(']') : property;
        var end = key.IndexOfAny(['.', '[']);
        return fieldPages.GetValueOrDefault(end < 0 ? key : key[..end]);
    }
}
